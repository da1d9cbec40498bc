// The example site's event panel: shows every cb-* event the widgets dispatch, as a site owner's code would see them.
const log = document.getElementById('events');
for (const type of ['cb-ready', 'cb-error', 'cb-checkout-start', 'cb-redirect', 'cb-paid']) {
  document.addEventListener(type, (event) => {
    const booking = event.bookingId ?? event.booking?.id;
    const detail = { code: event.code, course: event.course?.id, url: event.url, booking };
    const line = document.createElement('li');
    line.textContent = `${new Date().toLocaleTimeString()} ${type} ${JSON.stringify(detail)}`;
    line.dataset.type = type;
    log?.prepend(line);
  });
}
