import { Socket } from 'node:net';

/**
 * In Playwright's runner, before the manifest is read: wait for the CLI's "go" on the file
 * descriptor it names (playwright-process.ts), then keep watching it, and stop the run as Ctrl-C
 * would if the CLI goes away. The variable is removed as soon as it is read, so the workers
 * (which load this config too, and inherit the runner's environment) never wait for anything.
 */
export async function awaitStart(env: NodeJS.ProcessEnv = process.env, envName = 'AUTHFAULT_START_FD'): Promise<void> {
  const fd = Number(env[envName]);
  delete env[envName];
  if (!Number.isInteger(fd)) return;
  const pipe = new Socket({ fd, readable: true, writable: false });
  await new Promise<void>((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (!text.includes('\n')) return;
      pipe.off('data', onData);
      pipe.off('end', onEnd);
      resolve();
    };
    const onEnd = () => reject(new Error('authfault run ended before it handed the run to Playwright'));
    pipe.on('data', onData);
    pipe.once('end', onEnd);
  });
  pipe.once('end', () => process.kill(process.pid, 'SIGINT'));
  pipe.once('error', () => process.kill(process.pid, 'SIGINT'));
  pipe.unref();
}
