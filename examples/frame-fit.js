// Sizes each frame on this page to the page inside it (the frames are sandboxed but same-origin,
// so their document can be measured): no card is cut off at any width.
for (const frame of document.querySelectorAll('iframe')) {
  const fit = () => {
    const inner = frame.contentDocument?.documentElement;
    if (!inner) return;
    frame.style.height = `${inner.scrollHeight}px`;
    new ResizeObserver(() => (frame.style.height = `${inner.scrollHeight}px`)).observe(inner);
  };
  if (frame.contentDocument?.readyState === 'complete') fit();
  frame.addEventListener('load', fit);
}
