// Near-duplicate detection: wire copies and light rewrites of one article (changed datelines
// and bylines, reordered or dropped sentences, typo fixes, added boilerplate) grouped by
// MinHash over word shingles with an LSH index bounded in time.
export { fnv1a, normalizedWords, shingleHashes, wordHashes } from './01-normalize.js';
export {
  DEFAULT_MINHASH,
  estimatedContainment,
  estimatedJaccard,
  type MinHashParams,
  minhashOf,
  type TextSignature,
  textSignature,
} from './02-minhash.js';
export {
  DEFAULT_NEAR_DUPLICATE,
  dayNumber,
  NearDuplicateIndex,
  type NearDuplicateMatch,
  type NearDuplicateOptions,
  type NearDuplicateState,
} from './03-index.js';
