import { randomBytes } from 'node:crypto';
import { html } from 'hono/html';
import { formatPrice } from '../../common/money.js';
import { pageStart } from '../src/http/html-page.js';

/** An invoice as Stripe's API shows it (the fields the backend and the invoice page read). */
export interface SandboxInvoice {
  id: string;
  object: 'invoice';
  number: string;
  status: 'paid';
  hosted_invoice_url: string;
  currency: string;
  amount_paid: number;
  payment_intent: string;
  metadata: Record<string, string>;
  /** Not Stripe's field: what the invoice page lists. */
  sandbox_line: string;
  sandbox_credit_notes: SandboxCreditNote[];
}

/** A credit note on an invoice, with the refund it made. */
export interface SandboxCreditNote {
  id: string;
  object: 'credit_note';
  invoice: string;
  amount: number;
  currency: string;
  reason: string | null;
  refunds: Array<{ refund: string; amount_refunded: number; type: 'refund' }>;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/**
 * The invoices Checkout creates for sessions with `invoice_creation`, and the credit notes that
 * refund part of them (`refund_amount`), each refund made through `refund` (the session book's).
 */
export function createInvoiceBook(publicUrl: string) {
  const invoices = new Map<string, SandboxInvoice>();
  let issued = 0;
  const find = (invoiceId: string) => {
    const invoice = invoices.get(invoiceId);
    if (!invoice) throw Object.assign(new Error(`No such invoice: '${invoiceId}'`), { status: 404 as const });
    return invoice;
  };
  return {
    /** A paid session's invoice. */
    issue(payment: {
      paymentIntent: string;
      amount: number;
      currency: string;
      line: string;
      metadata: Record<string, string>;
    }) {
      issued += 1;
      const invoiceId = id('in_sb');
      const invoice: SandboxInvoice = {
        id: invoiceId,
        object: 'invoice',
        number: `SANDBOX-${String(issued).padStart(4, '0')}`,
        status: 'paid',
        hosted_invoice_url: `${publicUrl}/invoice/${invoiceId}`,
        currency: payment.currency,
        amount_paid: payment.amount,
        payment_intent: payment.paymentIntent,
        metadata: payment.metadata,
        sandbox_line: payment.line,
        sandbox_credit_notes: [],
      };
      invoices.set(invoiceId, invoice);
      return invoice;
    },
    retrieve: find,
    /** `POST /v1/credit_notes` with `refund_amount`: refunds that much of the invoice's payment and records it. */
    credit(
      invoiceId: string,
      note: { amount: number; refundAmount: number; reason: string | null },
      refund: (paymentIntent: string, amount: number) => { id: string },
    ): SandboxCreditNote {
      const invoice = find(invoiceId);
      if (note.amount !== note.refundAmount) {
        throw Object.assign(new Error('The credit note amount must equal refund_amount here.'), {
          status: 400 as const,
        });
      }
      const made = refund(invoice.payment_intent, note.refundAmount);
      const credit: SandboxCreditNote = {
        id: id('cn_sb'),
        object: 'credit_note',
        invoice: invoiceId,
        amount: note.amount,
        currency: invoice.currency,
        reason: note.reason,
        refunds: [{ refund: made.id, amount_refunded: note.refundAmount, type: 'refund' }],
      };
      invoice.sandbox_credit_notes.push(credit);
      return credit;
    },
  };
}

/** The hosted invoice page: the line, what was paid, and each credit note with what it refunded. */
export function invoicePage(invoice: SandboxInvoice) {
  const money = (amount: number) => formatPrice(amount, invoice.currency, 'en');
  const credited = invoice.sandbox_credit_notes.reduce((sum, note) => sum + note.amount, 0);
  return html`${pageStart(`Invoice ${invoice.number}`, 'en')}
    <main style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem">
      <p><strong>Sandbox:</strong> a stand-in for Stripe's hosted invoice page. No money moves.</p>
      <h1>Invoice ${invoice.number}</h1>
      <table>
        <tr>
          <th scope="row">Item</th>
          <td>${invoice.sandbox_line}</td>
        </tr>
        <tr>
          <th scope="row">Paid</th>
          <td>${money(invoice.amount_paid)}</td>
        </tr>
        ${invoice.sandbox_credit_notes.map(
          (note) =>
            html`<tr>
              <th scope="row">Credit note ${note.id}</th>
              <td>−${money(note.amount)}</td>
            </tr>`,
        )}
        ${
          credited
            ? html`<tr>
                <th scope="row">Total after credits</th>
                <td>${money(invoice.amount_paid - credited)}</td>
              </tr>`
            : ''
        }
      </table>
    </main>`;
}
