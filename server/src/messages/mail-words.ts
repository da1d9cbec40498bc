/** Every kind of email the product sends (`cancelled`: by the organiser; `withdrawn`: by the student). */
export type MailKind =
  | 'confirmed'
  | 'incomplete'
  | 'refunded'
  | 'cancelled'
  | 'withdrawn'
  | 'moved'
  | 'reminder'
  | 'operator'
  /** A waiting list's offer: seats held for the student until a time. */
  | 'offer';

/** What an email's words are made from: the course, and the amount or time it names. */
export interface MailSubject {
  course: string;
  /** A formatted amount (paid, refunded), when the message names one. */
  amount?: string | undefined;
  /** When the session runs, with its zone, when the booking is of a dated one. */
  when?: string | undefined;
  /** An offer: until when the seats are held, with the zone. */
  until?: string | undefined;
}

/** The words of the emails in one language. */
export interface MailWords {
  subject: Record<MailKind, (s: MailSubject) => string>;
  /** The first paragraph of each kind. */
  lead: Record<MailKind, (s: MailSubject) => string>;
  greeting: string;
  when: string;
  where: string;
  online: string;
  paid: string;
  free: string;
  /** The button to the page where the student's bookings are. */
  bookings: string;
  completePayment: string;
  /** An offer's button: to the course's page, where the held seats are booked. */
  takeSeat: string;
  calendarAttached: string;
  signOff: (operator: string) => string;
}
