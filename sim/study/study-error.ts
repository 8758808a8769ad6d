/** A study that cannot run as asked (an unknown variant, a bad flag, mismatched shards). */
export class StudyError extends Error {
  override readonly name = 'StudyError';
}
