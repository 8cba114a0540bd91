import { AuthUser, Role } from '@grants/accounts';
import { DomainError, ErrorCode, FieldError } from '@grants/common';
import { FastifyReply } from 'fastify';
import { dtoErrors } from '../http/validation';
import { FormProblem } from './account-forms';
import { CaseForm, refusalProblems } from './case-forms';
import { FormBody } from './form-body';
import { isRefusal, notFound, Page, PortalRouter, redirect, SignedInVisit, UUID } from './portal-router';

/** A form as it was posted, to show again beside its problems. */
export interface TypedForm {
  form: string;
  body: FormBody | undefined;
  problems: FormProblem[];
}

/** One form of a page about a thing with an id (an application, an award, a report). */
export interface FormStep<T extends object, R = unknown> {
  url: string;
  /** The roles the API's route allows (its @Roles), checked here as there. */
  roles: readonly Role[];
  /** The API's DTO for the same command: its limits are the form's (none where the route takes no body). */
  dto?: (new () => object) | null;
  read: (visit: SignedInVisit, id: string) => Promise<CaseForm<T>>;
  run: (user: AuthUser, id: string, command: T, visit: SignedInVisit) => Promise<R>;
  /** The page the form is on, shown again with what was typed and its problems. */
  page: (user: AuthUser, id: string, typed: TypedForm) => Promise<Page>;
  /** The form's name on the page, and the field its service-level problems link to. */
  form: string;
  field: string;
  /**
   * Where the DTO's and the service's field errors go on the page, in the page's words (by default each is
   * on `field`, in the API's words).
   */
  fieldProblems?: (errors: readonly FieldError[]) => FormProblem[];
  /** The service's refusal as problems; its own words (refusalProblems) unless the page words it better. */
  refusal?: (error: DomainError, field: string) => FormProblem[];
  /** Where to go once it is done, from what the service answered (a thing it made, say). */
  done: (id: string, result: R) => string;
}

/**
 * A form step: read the form, check it against the API's own DTO, hand it to the service, and show the
 * page again with the problems beside the form, or, done, go on. A refusal by the service (a rule, a
 * state, a conflict of interest) is a problem on the page in the service's words; an id that is not
 * there, or a role the API's route would refuse, is the 404 page. A step whose url has no `:id` (a form
 * that adds something) runs with the id ''.
 */
export function mountFormStep<T extends object, R = unknown>(
  router: PortalRouter,
  step: FormStep<T, R>,
): void {
  router.signedIn('POST', step.url, async (visit): Promise<Page | FastifyReply> => {
    const { user, request, body, reply } = visit;
    const { id = '' } = request.params as { id?: string };
    const idOk = step.url.includes(':id') ? UUID.test(id) : id === '';
    if (!idOk || !user.roles.some((r) => step.roles.includes(r))) return notFound();
    const again = (problems: FormProblem[]) => step.page(user, id, { form: step.form, body, problems });
    const { command, problems } = await step.read(visit, id);
    if (!command) return again(problems);
    const invalid = step.dto ? await dtoErrors(step.dto, command) : [];
    if (invalid.length)
      return again(
        step.fieldProblems?.(invalid) ??
          invalid.map((e) => ({ field: step.field, message: `${e.field} ${e.message}` })),
      );
    let result: R;
    try {
      result = await step.run(user, id, command, visit);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      if (error.code === ErrorCode.NotFound) return notFound();
      const mapped = error.fieldErrors.length ? step.fieldProblems?.(error.fieldErrors) : undefined;
      return again(mapped ?? (step.refusal ?? refusalProblems)(error, step.field));
    }
    return redirect(reply, step.done(id, result));
  });
}
