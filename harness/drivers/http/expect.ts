import { urlPattern } from '../../scenario/url-pattern.js';
import type { HttpStepContext } from './context.js';

/** expect — the page shows this text, and/or its URL matches; a page still loading is waited for first. */
export async function expectPage(step: { text?: string; url?: string }, ctx: HttpStepContext): Promise<void> {
  const { agent } = ctx;
  await agent.settle(ctx.timeoutMs);
  if (step.text !== undefined && !agent.text().includes(step.text)) {
    throw new Error(`expected the page to show ${JSON.stringify(step.text)}; it is at ${agent.url()} and shows ${excerpt(agent.text())}`);
  }
  if (step.url !== undefined) {
    const pattern = urlPattern(step.url);
    const ok = typeof pattern === 'string' ? agent.url().includes(pattern) : pattern.test(agent.url());
    if (!ok) throw new Error(`expected the URL to match ${step.url}; it is ${agent.url()}`);
  }
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 120 ? `${flat.slice(0, 117)}...` : flat);
}
