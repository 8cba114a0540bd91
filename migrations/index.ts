import { Foundation1795400000000 } from './1795400000000-Foundation';

/** Every migration, in order. A unit test checks this list against the files in this folder. */
export const MIGRATIONS = [Foundation1795400000000];
