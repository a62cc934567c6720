import express, { type Request, type Response, type NextFunction } from 'express';
import type Provider from 'oidc-provider';
import type { Users } from '../types.js';
import { formBody } from './form-body.js';
import { MAX_USER_NAME, newUser } from './new-user.js';
import { consentPage, loginPage } from './views.js';

/**
 * The provider's own pages for the login and consent prompts. Body parsing is scoped to these
 * routes: a parser in front of oidc-provider would make it fall back to an already-parsed body.
 */
export function interactionRouter(getProvider: () => Provider, users: () => Users) {
  const router = express.Router();
  const form = formBody;
  const wrap = (fn: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) =>
    fn(req, res).catch(next);

  router.get(
    '/:uid',
    wrap(async (req, res) => {
      const provider = getProvider();
      const details = await provider.interactionDetails(req, res);
      const action = `${req.baseUrl}/${details.uid}`;
      res.set('Cache-Control', 'no-store');
      if (details.prompt.name === 'login') {
        const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : undefined;
        res.type('html').send(loginPage(`${action}/login`, users(), { clientId: String(details.params.client_id), ...(hint ? { hint } : {}) }));
        return;
      }
      const scopes = String(details.params.scope ?? '').split(' ').filter(Boolean);
      res.type('html').send(consentPage(`${action}/consent`, { clientId: String(details.params.client_id), scopes }));
    }),
  );

  router.post(
    '/:uid/login',
    form,
    wrap(async (req, res) => {
      const provider = getProvider();
      const details = await provider.interactionDetails(req, res);
      const username = String(req.body?.username ?? '').trim();
      const refusal = !username ? 'Enter a user name: any name signs in.' : username.length > MAX_USER_NAME ? `A user name is at most ${MAX_USER_NAME} characters.` : undefined;
      if (refusal) {
        res
          .status(400)
          .type('html')
          .send(loginPage(`${req.baseUrl}/${details.uid}/login`, users(), { clientId: String(details.params.client_id), error: refusal }));
        return;
      }
      // Anyone can sign in as anyone: a name the provider does not know becomes a user now.
      const user = users().get(username) ?? users().set(newUser(username));
      await provider.interactionFinished(req, res, { login: { accountId: user.id } }, { mergeWithLastSubmission: false });
    }),
  );

  router.post(
    '/:uid/consent',
    form,
    wrap(async (req, res) => {
      const provider = getProvider();
      const details = await provider.interactionDetails(req, res);
      if (req.body?.decision !== 'allow') {
        await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user denied access.' }, { mergeWithLastSubmission: false });
        return;
      }
      const { accountId } = details.session!;
      const grant = details.grantId
        ? (await provider.Grant.find(details.grantId))!
        : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      const missing = details.prompt.details.missingOIDCScope as string[] | undefined;
      if (missing) grant.addOIDCScope(missing.join(' '));
      const claims = details.prompt.details.missingOIDCClaims as string[] | undefined;
      if (claims) grant.addOIDCClaims(claims);
      const resources = details.prompt.details.missingResourceScopes as Record<string, string[]> | undefined;
      for (const [indicator, scopes] of Object.entries(resources ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    }),
  );

  return router;
}
