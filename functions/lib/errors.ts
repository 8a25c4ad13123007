// The errors handlers see, defined once in @landwatch/pipeline (run-errors.ts) and re-exported here so that the
// error policy and the AWS helpers import them from one place.
export {
  MalformedMessageError,
  NotReadyError,
  ObjectChangedError,
  ObjectNotFoundError,
  PreconditionFailedError,
  RejectedInputError,
  StaleMessageError,
  TransientError,
  UnsupportedEventError,
} from '@landwatch/pipeline';
