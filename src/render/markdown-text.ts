/** Text for report.md: every data-derived string goes through `mdCell`. */

/**
 * Escape text for Markdown (table cells included): backslash-escape punctuation Markdown or HTML would
 * interpret, and fold line breaks.
 * @example
 * mdCell('a|b <script>'); // 'a\\|b \\<script\\>'
 */
export function mdCell(text: string): string {
  return text.replace(/[\\|`*_<>[\]#&!~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}
