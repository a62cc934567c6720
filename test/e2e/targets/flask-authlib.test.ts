import { describeExampleTarget } from './example-target.js';

describeExampleTarget('flask-authlib');
