import type { MailWords } from '../mail-words.js';

export const en: MailWords = {
  subject: {
    confirmed: ({ course }) => `Booking confirmed: ${course}`,
    incomplete: ({ course }) => `Your payment for ${course} did not go through`,
    refunded: ({ course }) => `Refunded: ${course}`,
    cancelled: ({ course }) => `Cancelled by the organiser: ${course}`,
    withdrawn: ({ course }) => `Cancelled: ${course}`,
    moved: ({ course }) => `New date for ${course}`,
    reminder: ({ course }) => `Reminder: ${course}`,
    operator: ({ course, amount }) => `New booking: ${course} (${amount})`,
    offer: ({ course }) => `A seat is held for you: ${course}`,
  },
  lead: {
    confirmed: ({ course }) => `Your booking of ${course} is confirmed. Thank you!`,
    incomplete: ({ course }) =>
      `Your payment for ${course} was not completed, so your seat is not booked yet. You can complete it now.`,
    refunded: ({ course, amount }) => `We refunded ${amount} for your booking of ${course}.`,
    cancelled: ({ course, amount }) =>
      `The organiser cancelled ${course}.${amount ? ` ${amount} goes back to you.` : ''} We are sorry.`,
    withdrawn: ({ course, amount }) =>
      `Your booking of ${course} is cancelled, as you asked.${amount ? ` ${amount} goes back to you.` : ''}`,
    moved: ({ course }) => `Your booking of ${course} moved to a new date.`,
    reminder: ({ course, when }) => `A reminder: ${course} starts ${when}.`,
    operator: ({ course, amount }) => `A student booked ${course} and paid ${amount}.`,
    offer: ({ course, until }) =>
      `A seat of ${course} you waited for is free. It is held for you until ${until}; book it before then, or it goes to the next in line.`,
  },
  greeting: 'Hello,',
  when: 'When',
  where: 'Where',
  online: 'Join online',
  paid: 'Paid',
  free: 'Free',
  bookings: 'Your bookings',
  completePayment: 'Complete payment',
  takeSeat: 'Book the held seat',
  calendarAttached: 'The calendar file is attached: open it to add the dates to your calendar.',
  signOff: (operator) => `See you soon,\n${operator}`,
};
