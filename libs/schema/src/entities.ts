import { EmailToken, RegistrationRequest, Session, SignInAttempt, User } from '@grants/accounts';
import {
  Application,
  ApplicationArea,
  ApplicationBudgetLine,
  ApplicationMeasure,
  ApplicationObjective,
  ApplicationOtherFunding,
  ApplicationSubmission,
  ConflictDeclaration,
  InformationRequest,
} from '@grants/applications';
import { AssessmentScore, AssessorAssignment, Recommendation, Screening } from '@grants/assessment';
import { AuditEntry } from '@grants/audit';
import { Award, AwardCondition, Decision, LedgerEntry } from '@grants/awards';
import { ApplicationDocument } from '@grants/documents';
import { EligibilityResult } from '@grants/eligibility';
import { OutboxMessage } from '@grants/jobs';
import { EmailMessage } from '@grants/notifications';
import { FundYear, Fund, FundingSource } from '@grants/funds';
import { Aim, Objective, Plan, PlanVersion, SuccessMeasure } from '@grants/plans';
import { Organisation, OrganisationInvitation, OrganisationMember } from '@grants/organisations';
import { Area, Funder, Partnership, PartnershipArea } from '@grants/profile';
import { Round, RoundCondition, RoundCriterion, RoundObjective } from '@grants/rounds';

/** Every entity the service maps. Each capability adds its own here. */
export const ENTITIES = [
  AuditEntry,
  User,
  Session,
  EmailToken,
  SignInAttempt,
  RegistrationRequest,
  EmailMessage,
  OutboxMessage,
  Funder,
  Area,
  Partnership,
  PartnershipArea,
  Plan,
  PlanVersion,
  Aim,
  Objective,
  SuccessMeasure,
  Fund,
  FundYear,
  FundingSource,
  Round,
  RoundObjective,
  RoundCriterion,
  RoundCondition,
  Organisation,
  OrganisationMember,
  OrganisationInvitation,
  Application,
  ApplicationObjective,
  ApplicationMeasure,
  ApplicationArea,
  ApplicationBudgetLine,
  ApplicationOtherFunding,
  ApplicationSubmission,
  InformationRequest,
  ApplicationDocument,
  EligibilityResult,
  Screening,
  ConflictDeclaration,
  AssessorAssignment,
  AssessmentScore,
  Recommendation,
  Decision,
  Award,
  AwardCondition,
  LedgerEntry,
];
