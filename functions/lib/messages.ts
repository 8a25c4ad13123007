// Types of the messages LandWatch sends; the JSON Schemas in functions/schemas/ are the contract. Each type and
// schema id has one home: the alert in @landwatch/core, run events in @landwatch/pipeline.
export { COUNTY_ALERT_SCHEMA, COUNTY_ALERT_SCHEMA_V1, SEVERITIES, type CountyAlert } from '@landwatch/core';
export { RUN_EVENT_SCHEMA, type RunEvent, type RunEventInput } from '@landwatch/pipeline';
