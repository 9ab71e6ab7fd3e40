// The collector's validation lives in the contract, so the msw mocks apply exactly the same rules.
export {
  type BadRequest,
  type BatchEnvelope,
  checkEnvelope,
  isIsoTimestamp,
  isPlainObject,
  parseJson,
  type Result,
  type ValidMessage,
  validateBatch,
  validateMessage,
} from '@matbakh/contract';
