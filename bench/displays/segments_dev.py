"""Render a development batch of seven-segment displays (DSEG fonts, /usr/share/fonts/truetype/dseg) with truth
(truth.json: shown, digits_box) plus negatives (plain-font words and numbers). Usage: python3 segments_dev.py OUT N SEED.
Not a test: for tuning Airgap.Analytics.Vision.Segments and reporting its accuracy."""
import json, math, random, sys, os
from PIL import Image, ImageDraw, ImageFont, ImageFilter, ImageChops

OUT = sys.argv[1] if len(sys.argv) > 1 else '/tmp/segdev/batch'
N = int(sys.argv[2]) if len(sys.argv) > 2 else 120
SEED = int(sys.argv[3]) if len(sys.argv) > 3 else 1
os.makedirs(OUT, exist_ok=True)
rng = random.Random(SEED)
D = '/usr/share/fonts/truetype/dseg/'
FONTS = [f'DSEG7{s}-{w}.ttf' for s in ('Classic', 'Modern', 'ClassicMini') for w in ('Regular', 'Bold', 'Light', 'Italic', 'BoldItalic')]
SANS = ['/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf']
THEMES = [  # (glass, lit, label) ; ghost mixes glass→lit
    ((20, 12, 12), (255, 40, 30), (200, 200, 200)),
    ((12, 20, 14), (60, 255, 110), (200, 200, 200)),
    ((18, 16, 10), (255, 180, 40), (200, 200, 200)),
    ((10, 22, 26), (80, 240, 220), (190, 220, 220)),
    ((175, 180, 165), (25, 28, 25), (40, 40, 40)),
    ((150, 170, 120), (20, 30, 15), (30, 30, 30)),
    ((40, 80, 200), (240, 248, 255), (230, 230, 255)),
    ((200, 200, 195), (10, 10, 10), (60, 60, 60)),
]
LABELS = ['PV', 'SV', 'TEMP', 'FLOW', 'LEVEL', 'kW', 'bar', 'RPM', 'HOLD', 'MIN MAX', 'DIFF. PRESS']

def number():
    digits = rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5])
    s = ''.join(rng.choice('0123456789') for _ in range(digits))
    s = s.lstrip('0') or '0'
    if len(s) > 1 and rng.random() < 0.55:
        p = rng.randint(1, len(s) - 1)
        s = s[:p] + '.' + s[p:]
        if s.startswith('.'): s = '0' + s
    if rng.random() < 0.12: s = '-' + s
    return s

def mix(a, b, t): return tuple(int(a[i] + (b[i] - a[i]) * t) for i in range(3))

def render(i):
    W, H = rng.choice([(640, 480), (800, 600), (1280, 800), (560, 560)])
    bg = tuple(rng.randint(40, 160) for _ in range(3))
    img = Image.new('RGB', (W, H), bg)
    glass, lit, labelc = rng.choice(THEMES)
    font_name = rng.choice(FONTS)
    size = rng.randint(28, 150) * (1 if W >= 800 else 1)
    size = min(size, int(H * 0.3))
    font = ImageFont.truetype(D + font_name, size)
    shown = number()
    ncells = max(len(shown.replace('.', '')), rng.randint(3, 5))
    # ghost: all-8 with points; real: '!' blanks right-aligned
    ghost = '.'.join(['8'] * ncells) + '.' if rng.random() < 0.5 else '8' * ncells
    real_digits = shown.replace('.', '')
    blanks = ncells - len(real_digits)
    real = '!' * blanks + shown
    layer = Image.new('RGB', (W, H), glass)
    d = ImageDraw.Draw(layer)
    tw = d.textbbox((0, 0), '8' * ncells, font=font)
    pad = int(size * 0.35)
    pw, ph = tw[2] - tw[0] + 2 * pad + int(size * 0.8), tw[3] - tw[1] + 2 * pad
    px, py = (W - pw) // 2 + rng.randint(-W // 8, W // 8), (H - ph) // 2 + rng.randint(-H // 8, H // 8)
    ox, oy = px + pad - tw[0], py + pad - tw[1]
    ghost_t = rng.choice([0.0, 0.06, 0.12, 0.2, 0.28])
    panel = Image.new('L', (W, H), 0)
    ImageDraw.Draw(panel).rectangle([px, py, px + pw, py + ph], fill=255)
    img.paste(layer, (0, 0), panel)
    d = ImageDraw.Draw(img)
    if ghost_t > 0:
        d.text((ox, oy), ghost, font=font, fill=mix(glass, lit, ghost_t))
    d.text((ox, oy), real, font=font, fill=lit)
    bb = d.textbbox((ox, oy), real.replace('!', ''), font=font)
    # truth box: lit ink bbox
    m = Image.new('L', (W, H), 0)
    ImageDraw.Draw(m).text((ox, oy), real, font=font, fill=255)
    box = list(m.getbbox())
    if rng.random() < 0.7:
        lf = ImageFont.truetype(SANS[0], max(12, size // 4))
        d.text((px + pad // 2, py + 2), rng.choice(LABELS), font=lf, fill=labelc)
    if rng.random() < 0.5:
        lf = ImageFont.truetype(SANS[0], max(12, size // 3))
        d.text((px + pw - int(size * 0.75), py + ph - pad - size // 3), rng.choice(['%', 'kW', 'bar', '°C', 'Pa']), font=lf, fill=labelc)
    # glare
    if rng.random() < 0.4:
        gl = Image.new('L', (W, H), 0)
        gx, gy, gr = rng.randint(0, W), rng.randint(0, H), rng.randint(W // 6, W // 2)
        ImageDraw.Draw(gl).ellipse([gx - gr, gy - gr, gx + gr, gy + gr], fill=rng.randint(25, 60))
        gl = gl.filter(ImageFilter.GaussianBlur(gr // 2))
        img = ImageChops.add(img, Image.merge('RGB', (gl, gl, gl)))
    # rotation + mild perspective via affine shear
    ang = rng.uniform(-8, 8)
    sh = rng.uniform(-0.06, 0.06)
    cx, cy = W / 2, H / 2
    a = math.radians(ang)
    # inverse map matrix for PIL: output -> input
    ca, sa = math.cos(a), math.sin(a)
    M = [ca, sa + sh, 0, -sa, ca, 0]
    M[2] = cx - M[0] * cx - M[1] * cy
    M[5] = cy - M[3] * cx - M[4] * cy
    img = img.transform((W, H), Image.AFFINE, M, resample=Image.BICUBIC, fillcolor=bg)
    # forward-map the truth box corners: solve inverse of M
    det = M[0] * M[4] - M[1] * M[3]
    def fwd(x, y):
        x2, y2 = x - M[2], y - M[5]
        return ((M[4] * x2 - M[1] * y2) / det, (-M[3] * x2 + M[0] * y2) / det)
    pts = [fwd(x, y) for x in (box[0], box[2]) for y in (box[1], box[3])]
    box = [int(min(p[0] for p in pts)), int(min(p[1] for p in pts)), int(max(p[0] for p in pts)) + 1, int(max(p[1] for p in pts)) + 1]
    blur = rng.choice([0, 0, 0.6, 1.0, 1.5, 2.2])
    if blur: img = img.filter(ImageFilter.GaussianBlur(blur * max(1, size / 80)))
    noise = rng.choice([0, 4, 8, 14])
    if noise:
        n = Image.effect_noise((W, H), noise).point(lambda v: v - 128 + 128)
        img = ImageChops.add(img, Image.merge('RGB', (n, n, n)), 1.0, -128)
    name = f'seg_{i:03d}.jpg'
    img.save(os.path.join(OUT, name), quality=rng.randint(45, 90))
    return {'image': name, 'shown': shown, 'digits_box': box, 'font': font_name, 'ghost': ghost_t, 'blur': blur,
            'angle': round(ang, 1), 'size': size, 'theme': THEMES.index((glass, lit, labelc))}

def negative(i):
    W, H = rng.choice([(640, 480), (1280, 800)])
    img = Image.new('RGB', (W, H), tuple(rng.randint(20, 230) for _ in range(3)))
    d = ImageDraw.Draw(img)
    words = ['PUMP', 'ALARM', 'Setpoint', 'Motor running', 'VALVE OPEN', 'Tank level', 'Reset', 'Mode AUTO', 'OK', 'STOP', 'HOLD']
    digits_too = i % 2 == 1
    for _ in range(rng.randint(3, 10)):
        f = ImageFont.truetype(rng.choice(SANS), rng.randint(14, 90))
        t = rng.choice(words)
        if digits_too and rng.random() < 0.6: t = rng.choice([str(rng.randint(0, 999)), f'{rng.uniform(0, 100):.1f}', f'{rng.uniform(-50, 50):.2f}'])
        c = tuple(rng.randint(0, 255) for _ in range(3))
        d.text((rng.randint(0, W - 100), rng.randint(0, H - 60)), t, font=f, fill=c)
    for _ in range(rng.randint(0, 6)):
        x, y = rng.randint(0, W - 50), rng.randint(0, H - 50)
        d.rectangle([x, y, x + rng.randint(10, 120), y + rng.randint(10, 120)], outline=tuple(rng.randint(0, 255) for _ in range(3)), width=rng.randint(1, 6))
    if rng.random() < 0.5:
        n = Image.effect_noise((W, H), rng.choice([8, 20, 40]))
        img = ImageChops.add(img, Image.merge('RGB', (n, n, n)), 1.0, -128)
    name = f'neg_{i:03d}.jpg'
    img.save(os.path.join(OUT, name), quality=80)
    return {'image': name, 'shown': None, 'plain_digits': digits_too}

items = [render(i) for i in range(N)] + [negative(i) for i in range(N // 4)]
json.dump(items, open(os.path.join(OUT, 'truth.json'), 'w'), indent=0)
print(len(items), 'images in', OUT)
