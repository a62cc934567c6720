import { faultSchemaForEditors } from '../../mock-provider/common.js';
import { stageKey } from './scenario-fault.js';

/**
 * A fault for editors, built once: `faults:` and every `set-faults` step use this same schema,
 * so the generated JSON Schema holds it once (under $defs) rather than once per use.
 */
export const faultEditorSchema = faultSchemaForEditors(stageKey).meta({ id: 'fault' });
