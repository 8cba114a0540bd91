import { Foundation1795400000000 } from './1795400000000-Foundation';
import { Accounts1795400001000 } from './1795400001000-Accounts';
import { Reference1795400002000 } from './1795400002000-Reference';
import { Organisations1795400003000 } from './1795400003000-Organisations';
import { Applications1795400004000 } from './1795400004000-Applications';
import { RegistrationPasswords1795400005000 } from './1795400005000-RegistrationPasswords';
import { InvitationResponses1795400005100 } from './1795400005100-InvitationResponses';
import { EligibilityRules1795400006000 } from './1795400006000-EligibilityRules';
import { Documents1795400006100 } from './1795400006100-Documents';
import { ScreeningAndAssessment1795400007000 } from './1795400007000-ScreeningAndAssessment';
import { AwardsAndLedger1795400008000 } from './1795400008000-AwardsAndLedger';
import { OutboxAndEmailDelivery1795400009000 } from './1795400009000-OutboxAndEmailDelivery';
import { PublicRegister1795400010000 } from './1795400010000-PublicRegister';
import { Monitoring1795400011000 } from './1795400011000-Monitoring';
import { RegisterOutcomes1795400012000 } from './1795400012000-RegisterOutcomes';
import { RegisterChangeNotice1795400013000 } from './1795400013000-RegisterChangeNotice';
import { EmailText1795400014500 } from './1795400014500-EmailText';

/** Every migration, in order. A unit test checks this list against the files in this folder. */
export const MIGRATIONS = [
  Foundation1795400000000,
  Accounts1795400001000,
  Reference1795400002000,
  Organisations1795400003000,
  Applications1795400004000,
  RegistrationPasswords1795400005000,
  InvitationResponses1795400005100,
  EligibilityRules1795400006000,
  Documents1795400006100,
  ScreeningAndAssessment1795400007000,
  AwardsAndLedger1795400008000,
  OutboxAndEmailDelivery1795400009000,
  PublicRegister1795400010000,
  Monitoring1795400011000,
  RegisterOutcomes1795400012000,
  RegisterChangeNotice1795400013000,
  EmailText1795400014500,
];
