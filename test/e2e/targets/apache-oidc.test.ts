import { describeExampleTarget } from './example-target.js';

describeExampleTarget('apache-oidc');
