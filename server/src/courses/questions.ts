import { z } from 'zod';
import type { Attendee, Question } from '../../../common/contract.js';
import { errors } from '../errors.js';

/*
 * A course's questions to each attendee (up to five: a text, a choice of options, or a checkbox,
 * each required or not), and the attendees a purchase names: one per seat, each with a name, an
 * optional email and the answers. Checked here, for the create, the student's edit and the course.
 */

/** The most questions a course asks. */
export const maxQuestions = 5;

const questionId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be 1 to 40 lower-case letters, digits, dashes or underscores');
const label = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

/** One question, as the operator defines it (through `PUT /api/admin/courses/:id`). */
export const questionSchema = z
  .strictObject({
    id: questionId,
    label,
    type: z.enum(['text', 'select', 'checkbox'], { error: 'must be text, select or checkbox' }),
    options: z
      .array(z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'))
      .min(2, 'must offer at least 2 options')
      .max(20, 'must offer at most 20 options')
      .refine((options) => new Set(options).size === options.length, 'must not repeat an option')
      .optional(),
    required: z.boolean().default(false),
  })
  .superRefine((question, context) => {
    if (question.type === 'select' && !question.options)
      context.addIssue({ code: 'custom', path: ['options'], message: 'are required for a select question' });
    if (question.type !== 'select' && question.options)
      context.addIssue({ code: 'custom', path: ['options'], message: 'are only for a select question' });
  });

/** A course's questions: up to five, each id once. */
export const questionsSchema = z
  .array(questionSchema)
  .max(maxQuestions, `must be at most ${maxQuestions} questions`)
  .refine((list) => new Set(list.map((q) => q.id)).size === list.length, 'must not repeat a question id')
  .default([]);

/** One attendee as a request names them; answers are checked against the course's questions afterwards. */
const attendeeSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  email: z.email('must be an email address').max(320, 'must be at most 320 characters').optional(),
  answers: z
    .record(z.string().max(40), z.union([z.string().max(500, 'must be at most 500 characters'), z.boolean()]))
    .default({}),
});

/** The attendees of a purchase, as a request sends them (at most one per seat of the largest order). */
export const attendeesSchema = z.array(attendeeSchema).min(1, 'must name at least one attendee').max(20);

/**
 * Checks the attendees a purchase (or an edit) names against the seats and the course's questions:
 * one per seat, each required question answered, every answer of its question's kind. A 400 naming
 * each bad field (`attendees.1.answers.diet`); the answers of questions the course no longer asks
 * are dropped. Answers are trimmed; a checkbox left unticked is `false`.
 */
export function checkAttendees(attendees: Attendee[], quantity: number, questions: Question[]): Attendee[] {
  const fields: Record<string, string> = {};
  if (attendees.length !== quantity) {
    fields.attendees = `must name ${quantity === 1 ? 'the attendee' : `each of the ${quantity} attendees`}`;
  }
  const checked = attendees.map((attendee, i) => {
    const answers: Attendee['answers'] = {};
    for (const key of Object.keys(attendee.answers)) {
      if (!questions.some((q) => q.id === key))
        fields[`attendees.${i}.answers.${key}`] = 'is not a question of this course';
    }
    for (const question of questions) {
      const field = `attendees.${i}.answers.${question.id}`;
      const value = attendee.answers[question.id];
      const problem = answerProblem(question, value);
      if (problem) fields[field] = problem;
      else if (value !== undefined && value !== '')
        answers[question.id] = typeof value === 'string' ? value.trim() : value;
    }
    return { name: attendee.name, ...(attendee.email ? { email: attendee.email } : {}), answers };
  });
  if (Object.keys(fields).length > 0)
    throw errors.invalidRequest('Some attendee details are missing or wrong.', fields);
  return checked;
}

/** Why an answer does not do for its question, or nothing. */
function answerProblem(question: Question, value: string | boolean | undefined): string | undefined {
  const empty = value === undefined || (typeof value === 'string' && value.trim() === '') || value === false;
  if (question.required && empty) return question.type === 'checkbox' ? 'must be ticked' : 'is required';
  if (value === undefined) return undefined;
  if (question.type === 'checkbox') return typeof value === 'boolean' ? undefined : 'must be true or false';
  if (typeof value !== 'string') return 'must be text';
  if (question.type === 'select' && value !== '' && !question.options?.includes(value)) {
    return `must be one of ${question.options?.join(', ')}`;
  }
  return undefined;
}
