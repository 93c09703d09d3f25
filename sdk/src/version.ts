// A named import of one JSON field lets the bundler keep only that field.
import { version } from '../package.json';

/** `source.name` of every event this SDK emits. */
export const SOURCE_NAME = 'loupe-sdk/' + version;
