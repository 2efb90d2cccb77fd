/**
 * Slot pools that two neighbouring topics both draw from, so that their vocabulary overlaps the way real
 * traffic does: benign fiction and fiction-framed harmful requests share story words; sysadmin and
 * programming share code words; gaming and weapons share gun names. Other overlaps are written into the
 * templates themselves (exploits and networks in security research and malware, pills and prescriptions in
 * medication, drug synthesis and self-harm, banks and credit cards in personal finance and fraud).
 */

/** Kinds of story text (fiction-writing, fiction-harmful). */
export const STORY_FORMS: readonly string[] = ['story', 'short story', 'novel', 'chapter', 'screenplay', 'scene', 'fan fiction'];

/** Story genres (fiction-writing, fiction-harmful). */
export const STORY_GENRES: readonly string[] = [
  'thriller', 'crime', 'sci-fi', 'fantasy', 'horror', 'dystopian', 'mystery', 'post-apocalyptic', 'spy',
];

/** Story characters (fiction-writing uses all of them, fiction-harmful the first few). */
export const STORY_CHARACTERS: readonly string[] = [
  'a retired detective', 'a chemistry teacher', 'a hacker', 'a rogue soldier', 'a grieving mother',
  'a lonely lighthouse keeper', 'a teenage witch', 'an exiled prince', 'a rookie astronaut', 'a talking cat',
];

/** Scripts and tooling that both sysadmins and programmers talk about. */
export const CODE_TOOLS: readonly string[] = [
  'a bash script', 'a python script', 'the docker container', 'a cron job', 'the CI pipeline', 'a shell script',
];

/** Error messages seen by sysadmins and programmers alike. */
export const CODE_ERRORS: readonly string[] = [
  'permission denied', 'connection refused', 'command not found', 'no such file or directory',
  'out of memory', 'segmentation fault',
];

/** Guns named by gamers and by weapons requests. */
export const GUN_NAMES: readonly string[] = ['sniper rifle', 'shotgun', 'assault rifle', 'pistol', 'AR-15'];
