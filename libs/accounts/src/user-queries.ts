import { EntityManager } from 'typeorm';
import { User } from './user.entity';

/** The password hash is never selected by default; only the places that check a password ask for it. */
export function findUserWithPassword(em: EntityManager, email: string): Promise<User | null> {
  return em
    .createQueryBuilder(User, 'u')
    .addSelect('u.passwordHash')
    .where('u.email = :email', { email })
    .getOne();
}
