// Users as the API shows them (never a hash), and the inputs that create or change them.
import { z } from 'zod';
import { roleSchema, type Role } from './roles';

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email('is not an email address'));

/** Length is what makes a password strong; 10 is the floor, 256 bounds hashing cost. */
export const passwordSchema = z
  .string()
  .min(10, 'password must be at least 10 characters')
  .max(256, 'password must be at most 256 characters');

export const createUserInput = z.object({
  email: emailSchema,
  password: passwordSchema,
  role: roleSchema,
  name: z.string().trim().min(1).max(100).optional(),
});
export type CreateUserInput = z.infer<typeof createUserInput>;

export const updateUserInput = z
  .object({
    id: z.string().uuid(),
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    name: z.string().trim().min(1).max(100).optional(),
    password: passwordSchema.optional(),
  })
  .refine((u) => u.role !== undefined || u.disabled !== undefined || u.name !== undefined || u.password !== undefined, 'nothing to change');
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const loginInput = z.object({ email: emailSchema, password: z.string().min(1).max(256) });
export type LoginInput = z.infer<typeof loginInput>;
