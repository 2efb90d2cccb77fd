/**
 * JSON text of parsed JSON values without recursion: `JSON.stringify` (and `String` of an array) recurse once
 * per level of nesting and overflow the stack on input such as 100,000 nested arrays, which JSON.parse
 * itself accepts. These walk an explicit stack instead, so any value JSON.parse returns can be written back.
 */

type Frame = { items: readonly unknown[]; index: number } | { entries: [string, unknown][]; index: number };

/** Whether an object member is written (JSON.stringify leaves out undefined and functions). */
const written = (value: unknown) => value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';

/**
 * The same text as `JSON.stringify(value)` for anything JSON.parse returns, at any depth; with `limit`, it
 * stops once the text is longer and ends it with "…".
 * @example
 * jsonText({ a: [1, 'x', null] }); // '{"a":[1,"x",null]}'
 * jsonText(JSON.parse('['.repeat(1e5) + ']'.repeat(1e5)), 6); // '[[[[[[…'
 */
export function jsonText(value: unknown, limit = Number.POSITIVE_INFINITY): string {
  const parts: string[] = [];
  let length = 0;
  const emit = (text: string) => {
    parts.push(text);
    length += text.length;
  };
  const stack: Frame[] = [];
  const begin = (item: unknown) => {
    if (Array.isArray(item)) {
      emit('[');
      stack.push({ items: item, index: 0 });
    } else if (item !== null && typeof item === 'object') {
      emit('{');
      stack.push({ entries: Object.entries(item).filter(([, v]) => written(v)), index: 0 });
    } else {
      emit(written(item) ? (JSON.stringify(item) ?? 'null') : 'null');
    }
  };
  begin(value);
  while (stack.length > 0 && length <= limit) {
    const top = stack[stack.length - 1];
    if ('items' in top) {
      if (top.index === top.items.length) {
        emit(']');
        stack.pop();
        continue;
      }
      if (top.index > 0) emit(',');
      begin(top.items[top.index++]);
    } else {
      if (top.index === top.entries.length) {
        emit('}');
        stack.pop();
        continue;
      }
      const [key, item] = top.entries[top.index++];
      emit(`${top.index > 1 ? ',' : ''}${JSON.stringify(key)}:`);
      begin(item);
    }
  }
  const text = parts.join('');
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

/**
 * A short quotation of a value for messages: JSON text, at most `max` characters.
 * @example jsonPreview('abc'); // '"abc"'
 */
export function jsonPreview(value: unknown, max = 60): string {
  return jsonText(value, max);
}
