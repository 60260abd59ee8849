// A signature pad for finger (phone) and mouse (desktop): pointer events on a canvas.
// Strokes are kept as points scaled to 0–1000 across the pad's width (height keeps the aspect),
// so the server can check the pad is not empty and redraw the signature at any size.
const pads = new WeakMap();

export function init(canvas) {
  const state = { strokes: [], current: null };
  pads.set(canvas, state);
  const ctx = canvas.getContext('2d');
  const resize = () => {
    const ratio = window.devicePixelRatio || 1;
    canvas.width = canvas.clientWidth * ratio;
    canvas.height = canvas.clientHeight * ratio;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    redraw(canvas, state);
  };
  const point = (e) => {
    const r = canvas.getBoundingClientRect();
    const scale = 1000 / r.width;
    return { x: Math.round((e.clientX - r.left) * scale), y: Math.round((e.clientY - r.top) * scale) };
  };
  canvas.style.touchAction = 'none';
  canvas.addEventListener('pointerdown', (e) => {
    canvas.setPointerCapture(e.pointerId);
    state.current = [point(e)];
    state.strokes.push(state.current);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!state.current) return;
    state.current.push(point(e));
    redraw(canvas, state);
  });
  const end = () => { state.current = null; };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  new ResizeObserver(resize).observe(canvas);
  resize();
}

function redraw(canvas, state) {
  const ctx = canvas.getContext('2d');
  const r = canvas.getBoundingClientRect();
  const scale = r.width / 1000;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.lineWidth = 2.5;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = '#1a1a1a';
  for (const stroke of state.strokes) {
    ctx.beginPath();
    stroke.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x * scale, p.y * scale) : ctx.lineTo(p.x * scale, p.y * scale)));
    ctx.stroke();
  }
}

export function clear(canvas) {
  const state = pads.get(canvas);
  if (!state) return;
  state.strokes = [];
  redraw(canvas, state);
}

export function strokes(canvas) {
  const state = pads.get(canvas);
  return state ? state.strokes.map((s) => s.map((p) => ({ x: Math.max(0, Math.min(1000, p.x)), y: Math.max(0, Math.min(1000, p.y)) }))) : [];
}
