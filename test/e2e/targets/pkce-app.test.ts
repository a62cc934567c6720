import { describeExampleTarget } from './example-target.js';

describeExampleTarget('pkce-app');
