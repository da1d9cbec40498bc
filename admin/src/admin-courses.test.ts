import { expect } from '@open-wc/testing';
import type { AdminCourses } from './admin-courses.js';
import { inside, mountScreen, newCourse, signedIn, textOf, until } from '../test/helpers.js';
import { toMajorUnits, toMinorUnits } from './format.js';

describe('prices in major units', () => {
  it('reads a price as the currency counts it: cents for USD, none for JPY, mills for KWD', () => {
    expect(toMinorUnits('49', 'usd')).to.equal(4900);
    expect(toMinorUnits('49.5', 'usd')).to.equal(4950);
    expect(toMinorUnits('12000', 'jpy')).to.equal(12000);
    expect(toMinorUnits('12.5', 'jpy')).to.equal(null);
    expect(toMinorUnits('1.234', 'kwd')).to.equal(1234);
    expect(toMinorUnits('4,90', 'eur')).to.equal(490);
    expect(toMinorUnits('-1', 'usd')).to.equal(null);
    expect(toMajorUnits(4950, 'usd')).to.equal('49.50');
    expect(toMajorUnits(12000, 'jpy')).to.equal('12000');
  });
});

describe('<admin-courses>', () => {
  it('lists every course, archived too, and is accessible', async () => {
    const archived = await newCourse({ title: 'Old kiln', active: false });
    const element = await mountScreen<AdminCourses>('admin-courses', { api: await signedIn() });
    await until(() => textOf(element).includes(archived));
    const row = [...element.shadowRoot!.querySelectorAll('tbody tr')].find((r) => r.textContent?.includes(archived))!;
    expect(row.textContent).to.contain('archived');
    await expect(element).to.be.accessible();
    element.remove();
  });

  it('saves the invoice settings, and keeps the course’s cancellation policy through a save', async () => {
    const policy = { windows: [{ hoursBefore: 48, refundPercent: 50 }], moveUntilHoursBefore: 24 };
    const id = await newCourse({ title: 'Bookkeeping', cancellationPolicy: policy });
    const element = await mountScreen<AdminCourses>('admin-courses', { api: await signedIn(), courseId: id });
    await until(() => !!element.shadowRoot?.querySelector('input[name="invoiceCreation"]'));
    inside<HTMLInputElement>(element, 'input[name="invoiceCreation"]').checked = true;
    inside<HTMLInputElement>(element, 'input[name="taxIdCollection"]').checked = true;
    inside<HTMLFormElement>(element, 'form').requestSubmit();
    await until(() => textOf(element).includes('Saved Bookkeeping'));
    const token = JSON.parse(sessionStorage.getItem('cb-admin-token')!).token as string;
    const { courses } = (await (
      await fetch('/api/admin/courses', { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { courses: Array<Record<string, unknown>> };
    expect(courses.find((c) => c.id === id)).to.deep.include({
      invoiceCreation: true,
      taxIdCollection: true,
      cancellationPolicy: policy,
    });
    element.remove();
  });

  it('sells several seats per purchase and asks each attendee questions, added, checked by the API and saved', async () => {
    const id = await newCourse({ title: 'Kiln day' });
    const element = await mountScreen<AdminCourses>('admin-courses', { api: await signedIn(), courseId: id });
    await until(() => !!element.shadowRoot?.querySelector('input[name="maxPerOrder"]'));
    inside<HTMLInputElement>(element, 'input[name="maxPerOrder"]').value = '4';
    for (let i = 0; i < 2; i += 1) {
      inside<HTMLButtonElement>(element, '.add-question').click();
      await element.updateComplete;
      await until(() => !!element.shadowRoot?.querySelector(`input[name="q${i}-label"]`));
    }
    inside<HTMLInputElement>(element, 'input[name="q0-label"]').value = 'Dietary needs';
    inside<HTMLSelectElement>(element, 'select[name="q0-type"]').value = 'select';
    inside<HTMLInputElement>(element, 'input[name="q0-required"]').checked = true;
    inside<HTMLInputElement>(element, 'input[name="q1-label"]').value = 'Anything else?';
    // A list with no options: the API says so beside the field.
    inside<HTMLFormElement>(element, 'form').requestSubmit();
    await until(() => !!element.shadowRoot?.querySelector('#q0-options-error'));
    expect(inside(element, '#q0-options-error').textContent).to.equal('must offer at least 2 options');
    expect(inside(element, 'input[name="q0-options"]').getAttribute('aria-invalid')).to.equal('true');
    await expect(element).to.be.accessible();
    inside<HTMLInputElement>(element, 'input[name="q0-options"]').value = 'none, vegetarian, vegan';
    inside<HTMLFormElement>(element, 'form').requestSubmit();
    await until(() => textOf(element).includes('Saved Kiln day'));
    const token = JSON.parse(sessionStorage.getItem('cb-admin-token')!).token as string;
    const { courses } = (await (
      await fetch('/api/admin/courses', { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { courses: Array<Record<string, unknown>> };
    const course = courses.find((c) => c.id === id)!;
    expect(course.maxPerOrder).to.equal(4);
    expect(course.questions).to.deep.equal([
      {
        id: 'dietary-needs-1',
        label: 'Dietary needs',
        type: 'select',
        options: ['none', 'vegetarian', 'vegan'],
        required: true,
      },
      { id: 'anything-else-2', label: 'Anything else?', type: 'text', required: false },
    ]);
    element.remove();
  });

  it('edits a price in major units, refuses what the currency cannot hold beside the field, and shows the API’s errors there', async () => {
    const id = await newCourse({ title: 'Tea bowls', price: 5000, currency: 'jpy' });
    const element = await mountScreen<AdminCourses>('admin-courses', { api: await signedIn(), courseId: id });
    await until(() => !!element.shadowRoot?.querySelector('input[name="price"]'));
    const price = inside<HTMLInputElement>(element, 'input[name="price"]');
    expect(price.value).to.equal('5000');
    price.value = '12.5';
    inside<HTMLFormElement>(element, 'form').requestSubmit();
    await element.updateComplete;
    expect(price.getAttribute('aria-invalid')).to.equal('true');
    expect(inside(element, '#price-error').textContent).to.contain('JPY');
    price.value = '6000';
    inside<HTMLInputElement>(element, 'input[name="title"]').value = '';
    inside<HTMLFormElement>(element, 'form').requestSubmit();
    await until(() => !!element.shadowRoot?.querySelector('#title-error'));
    expect(inside(element, '#title-error').textContent).to.equal('must not be empty');
    expect(inside(element, 'input[name="title"]').getAttribute('aria-describedby')).to.equal('title-error');
    inside<HTMLInputElement>(element, 'input[name="title"]').value = 'Tea bowls';
    inside<HTMLFormElement>(element, 'form').requestSubmit();
    await until(() => textOf(element).includes('Saved Tea bowls: ¥6,000'));
    const saved = (await (
      await fetch(`/api/admin/courses`, {
        headers: { authorization: `Bearer ${JSON.parse(sessionStorage.getItem('cb-admin-token')!).token}` },
      })
    ).json()) as {
      courses: Array<{ id: string; price: number }>;
    };
    expect(saved.courses.find((c) => c.id === id)?.price).to.equal(6000);
    expect(inside<HTMLIFrameElement>(element, 'iframe').src).to.contain(`/admin/preview?course=${id}`);
    await expect(element).to.be.accessible();
    element.remove();
  });
});
