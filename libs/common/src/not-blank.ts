import { IsString, Matches } from 'class-validator';

/** A required text: a string with something in it besides spaces (IsNotEmpty lets "   " through). */
export function NotBlank(): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    IsString()(target, property as string);
    Matches(/\S/, { message: `${String(property)} must not be blank` })(target, property as string);
  };
}
