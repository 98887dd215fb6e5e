#!/usr/bin/env python3
"""Render a development set of equipment-display images with truth JSON for the display reader.

    /usr/bin/python3 render_devset.py OUT_DIR [--count N] [--seed S] [--jobs J] [--kinds hmi,segment,photo,status]

Writes OUT_DIR/<kind>_<nnn>.(png|jpg) + .json in the truth schema of shared/data/displays (README there) and an
index.json like the shared one, so `score.py PRED_DIR --set OUT_DIR` scores a reader on it.  Needs Pillow only
(Debian python3-pil), DejaVu fonts and fonts-dseg (DSEG7 / DSEG14).  Deterministic for a given seed and count.

Kinds (about N/4 each):
  hmi     : HMI / SCADA panels: tiles, label-value rows, tables with range columns, gauges with tick scales,
            process mimics with tag boxes, trends with axes, bar graphs; headers, footers, lamps, alarm banners.
  segment : seven-segment / LCD / LED / VFD instruments (DSEG fonts, ghost segments) photographed; digits_box given.
  photo   : an HMI screen inside a bezel in a scene: perspective, moire, reflections, noise, JPEG.
  status  : alarm summaries and event logs; only active alarms are warnings.
"""
import argparse
import json
import math
import os
import random
import sys
import time
import zlib

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

DEJAVU = "/usr/share/fonts/truetype/dejavu/"
DSEG = "/usr/share/fonts/truetype/dseg/"

SANS = DEJAVU + "DejaVuSans.ttf"
SANS_B = DEJAVU + "DejaVuSans-Bold.ttf"
COND = DEJAVU + "DejaVuSansCondensed.ttf"
COND_B = DEJAVU + "DejaVuSansCondensed-Bold.ttf"
MONO = DEJAVU + "DejaVuSansMono.ttf"
MONO_B = DEJAVU + "DejaVuSansMono-Bold.ttf"
SERIF = DEJAVU + "DejaVuSerif.ttf"
SERIF_B = DEJAVU + "DejaVuSerif-Bold.ttf"
LIGHT = DEJAVU + "DejaVuSans-ExtraLight.ttf"
OBLIQUE = DEJAVU + "DejaVuSans-Oblique.ttf"

# (label font, label bold font) families for HMI text
FAMILIES = [(SANS, SANS_B), (COND, COND_B), (SANS, SANS_B), (COND, COND_B), (MONO, MONO_B), (SERIF, SERIF_B)]
VALUE_FONTS = [SANS_B, COND_B, MONO_B, SANS_B, COND_B, SANS, LIGHT, SERIF_B, COND]

_font_cache = {}


def font(path, size):
    size = max(6, int(round(size)))
    key = (path, size)
    f = _font_cache.get(key)
    if f is None:
        f = _font_cache[key] = ImageFont.truetype(path, size)
    return f


def tw(fnt, s):
    return fnt.getlength(s)


def fit(path, s, max_w, max_h, start):
    """Largest font of `path` (<= start) whose text s fits max_w x max_h."""
    size = int(start)
    while size > 7:
        f = font(path, size)
        b = f.getbbox(s)
        if b[2] - b[0] <= max_w and size <= max_h:
            return f
        size -= 1
    return font(path, 7)


def clamp(v, lo, hi):
    return max(lo, min(hi, v))


def mix(a, b, t):
    return tuple(int(round(a[i] + (b[i] - a[i]) * t)) for i in range(3))


# ----------------------------------------------------------------------------------------------------------------
# vocabulary
# name | unit | lo | hi | decimals | tag prefix
VOCAB_TXT = """
Oil Temp|°C|25|95|1|TT
Steam Temp|°C|120|260|1,0|TT
Flue Gas Temp|°C|110|280|0,1|TT
Supply Air Temp|°C|12|28|1|TT
Return Air Temp|°C|18|32|1|TT
Bearing Temp DE|°C|30|95|1,0|TT
Bearing Temp NDE|°C|30|95|1,0|TT
Motor Winding Temp|°C|40|130|0,1|TT
Cold Room Temp|°C|-28|-12|1|TT
Freezer Temp|°C|-30|-15|1|TT
Product Temp|°C|2|8|1,2|TT
Zone 1 Temp|°C|150|240|1,0|TT
Zone 2 Temp|°C|150|240|1,0|TT
Zone 3 Temp|°C|150|240|1,0|TT
Mould Temp|°C|40|90|1|TT
Return Water Temp|°F|60|180|1,0|TT
Ambient Temp|°F|50|104|1,0|TT
Discharge Temp|°F|120|220|0,1|TT
Temperatur Vorlauf|°C|40|90|1|TT
Temperatur Rücklauf|°C|30|70|1|TT
Öltemperatur|°C|30|80|1|TT
Température eau|°C|10|60|1|TT
Steam Pressure|bar|4|16|1,2|PT
Hydraulic Pressure|bar|80|220|1,0|PT
Instrument Air|bar|5|8|1,2|PT
Condensing Pressure|bar|8|20|1|PT
Suction Pressure|bar|1|5|2,1|PT
Discharge Pressure|bar|6|25|1,2|PT
Boiler Pressure|psi|90|180|0,1|PT
Line Pressure|psi|30|120|1,0|PT
Header Pressure|kPa|300|900|0,1|PT
Filter dP|kPa|5|60|1,2|PDT
Pump Head|kPa|100|500|0,1|PT
Gas Pressure|mbar|18|60|1,0|PT
Vacuum|mbar|5|900|0,1|PT
Room Pressure|Pa|5|45|0,1|PDT
Diff. Pressure|Pa|10|250|0,1|PDT
Injection Pressure|MPa|40|160|1,2|PT
Accumulator Pressure|MPa|8|25|2,1|PT
Druck|bar|1|10|2,1|PT
Systemdruck|bar|1|6|2|PT
Pression|bar|1|12|2,1|PT
Feedwater Flow|m³/h|2|12|2,1|FT
Cooling Water Flow|m³/h|20|180|1,0|FT
Flow Rate|m³/h|5|90|1,2|FT
Coolant Flow|l/min|5|120|1,0|FT
Seal Water Flow|l/min|1|15|2,1|FT
Steam Flow|t/h|2|40|2,1|FT
Steam Flow|kg/h|500|9000|0|FT
Gas Flow|kg/h|20|600|1,0|FT
Feed Rate|t/h|5|120|1,0|WT
Durchfluss|m³/h|1|60|2,1|FT
Débit|m³/h|1|40|2,1|FT
Motor Speed|rpm|600|3000|0|ST
Fan Speed|rpm|300|1500|0|ST
Spindle Speed|rpm|1000|12000|0|ST
Pump Speed|rpm|900|2950|0|ST
Screw Speed|rpm|20|180|1,0|ST
Drehzahl|U/min|500|3000|0|ST
Drehzahl Lüfter|1/min|300|1400|0|ST
Valve Position|%|0|100|1,0|ZT
Damper Position|%|0|100|0,1|ZT
Drum Level|%|20|80|1|LT
Tank Level|%|5|98|1,0|LT
Burner Load|%|20|100|0|ZT
Pump Output|%|10|100|1,0|SC
Flue O2|%|1|8|2,1|AT
Fan Output|%|20|100|0,1|SC
Füllstand|%|5|95|1,0|LT
Niveau cuve|%|5|95|1|LT
Humidity|%RH|25|95|0,1|MT
Room Humidity|%RH|30|70|1,0|MT
Rel. Humidity|%RH|20|90|1|MT
Motor Current|A|5|180|1,0|IT
Pump Motor Current|A|10|90|1|IT
Compressor Current|A|8|60|1|IT
Phase L1 Current|A|20|400|1,0|IT
Heater Current|A|2|40|2,1|IT
Strom|A|2|60|1|IT
Supply Voltage|V|380|420|1,0|ET
DC Bus Voltage|V|540|680|0,1|ET
Battery Voltage|V|22|28|2,1|ET
Control Voltage|V|22|26|1,2|ET
Spannung|V|220|240|1,0|ET
Active Power|kW|50|900|1,0|JT
Total Power|kW|100|1200|1|JT
Heater Power|kW|2|60|1,2|JT
Leistung|kW|5|400|1,0|JT
Puissance|kW|5|300|1,0|JT
Press Force|kN|500|2500|0|WT
Clamp Force|kN|100|900|0,1|WT
Load Cell|kN|1|50|2,1|WT
Grid Frequency|Hz|49.8|50.2|2|ST
VFD Frequency|Hz|10|60|1,2|SC
Output Frequency|Hz|5|60|1|SC
Frequenz|Hz|20|50|1,2|SC
Ram Position|mm|0|600|1|ZT
Stroke|mm|5|250|1,2|ZT
Roll Gap|mm|0.2|12|2,3|ZT
Web Width|mm|800|2400|0,1|ZT
Bearing Vibration|mm/s|0.5|11|2,1|VT
Vibration|mm/s|0.4|9|2,1|VT
Schwingung|mm/s|0.5|8|2|VT
Cycle Time|s|5|60|1,2|KT
Dwell Time|s|1|20|2,1|KT
Hold Time|s|2|15|1|KT
Batch Time|min|10|240|0,1|KT
Remaining Time|min|1|90|0|KT
Run Hours|h|100|48000|0,1|KT
Betriebsstunden|h|500|60000|0|KT
Feedwater pH||6.5|10|2|AT
Effluent pH||5.5|9|2,1|AT
pH Value||6|8.5|2,1|AT
Conductivity|µS/cm|50|1500|0,1|AT
Blowdown Conductivity|µS/cm|800|3500|0|AT
Leitfähigkeit|µS/cm|100|900|0,1|AT
Dissolved O2|ppm|0.5|12|2,1|AT
Residual Chlorine|ppm|0.1|2|2,3|AT
CO2 Level|ppm|400|1800|0|AT
NH3 Level|ppm|0|40|1,0|AT
Turbidity|NTU|0.05|8|2,3|AT
Trübung|NTU|0.1|5|2|AT
Particles 0.5 µm|/m³|200|35000|0|QT
Particle Count|/m³|100|20000|0|QT
Line Speed|m/min|5|120|1,0|ST
Conveyor Speed|m/min|2|60|1,2|ST
Tank Weight|kg|50|5000|0,1|WT
Torque|Nm|20|800|0,1|WT
Air Flow|m³/h|500|12000|0|FT
"""

VOCAB = []
for _line in VOCAB_TXT.strip().splitlines():
    _n, _u, _lo, _hi, _d, _t = _line.split("|")
    VOCAB.append(dict(name=_n, unit=_u, lo=float(_lo), hi=float(_hi), decs=[int(x) for x in _d.split(",")],
                      tag=_t))

DESCR_BY_TAG = {}

WARNINGS = [
    "HIGH STEAM PRESSURE", "Drum level low", "Door open", "Compressor trip", "Oil filter clogged",
    "Light curtain interrupted", "Burner flame failure", "Low water cut-off", "HIGH TEMP ALARM",
    "Hydraulic oil temperature high", "Instrument air pressure low", "UPS on battery", "Door interlock open – Cell 2",
    "Pump P-101 overload trip", "Motor M-12 overtemperature", "Chiller CH-1 fault", "Vibration high – check bearing",
    "Tank T-201 level high", "Gas detector GD-5 alarm", "Emergency stop pressed", "Cooling water flow low",
    "Filter differential pressure high", "Phase failure", "Fan F-3 not running", "Low suction pressure",
    "High discharge temperature", "Conveyor belt misalignment", "Safety guard open", "Lubrication pump fault",
    "Communication loss PLC-3", "Sensor TT-104 failure", "Agitator A-1 stalled", "Heater 2 overcurrent",
    "Humidity out of range", "Particle count high", "pH HIGH", "Conductivity high", "Nitrogen supply pressure low",
    "Valve V-14 travel fault", "Encoder fault axis 2", "Drive fault F0012", "Steam trap ST-14 failure",
    "Fire panel fault", "Pressure low", "LOW OIL LEVEL", "OVERLOAD", "High level in sump",
    "Temperature deviation Zone 2", "Compressed air dryer fault", "Boiler feed pump tripped",
    "Übertemperatur Motor", "Druck zu niedrig", "Störung Pumpe 2", "Niveau haut cuve", "Défaut ventilateur",
    "Frequency converter fault", "Battery low", "Earth fault detected", "Coolant temperature high",
    "Clamp pressure low", "Mould temperature deviation", "Turbidity high", "Chlorine dosing fault",
]

EVENTS = [
    "Batch 2291 started", "Mode changed to AUTO", "Operator login", "Recipe B-17 loaded", "Setpoint changed by operator",
    "Pump P-2 started", "Shift report printed", "Mode changed to MANUAL", "Operator logout", "Cleaning cycle finished",
    "Valve V-3 opened", "Alarm list acknowledged", "Batch 2290 completed", "Backup completed", "Time synchronised",
    "Filter change confirmed", "User ENG-3 logged in", "Conveyor started", "Screen changed to Overview",
    "Parameter set 4 activated", "Heater 1 switched on", "Line stopped by operator",
]

PLANTS = ["Boiler 1 Status", "Steam Boiler B-2", "Forming Press FP-1", "Cold Store 4", "Line 4 – Overview",
          "Water Treatment WT-2", "Compressor Station", "Chiller Plant", "Extruder E-3", "Kesselhaus 2",
          "Pumpstation Nord", "Station de pompage", "Cooling Tower CT-1", "Injection Moulding IM-7", "HVAC AHU-03",
          "Cleanroom C2", "Paper Machine PM1", "Mixing Unit MX-2", "Sewage Plant Inlet", "Furnace F-201",
          "Hydraulic Unit HU-4", "Packaging Line 3", "Anlage 3 – Übersicht", "Turbine Hall", "Dryer Section"]
USERS = ["Operator", "ENG-3", "j.keller", "admin", "Shift B", "m.dubois", "OP2", "maint", "S. Meier", "guest"]
LAMPS_LIT = ["RUN", "AUTO", "REMOTE", "READY", "COOLING", "HEATING", "PUMP 1 ON", "PUMP 2 ON", "FAN ON", "LOCAL",
             "STANDBY", "ONLINE", "BETRIEB", "MARCHE"]
LAMPS_UNLIT = ["TRIP", "FAULT", "ALARM", "E-STOP", "OVERLOAD", "LOW OIL", "STÖRUNG", "DÉFAUT", "HIGH TEMP",
               "STANDBY", "MANUAL", "PUMP 2 ON", "HEATING"]
NO_ALARM_TEXTS = ["No active alarms", "No active alarms", "System normal", "All systems normal",
                  "Keine aktiven Alarme", "Aucune alarme active", "Alarms: none", "Status: OK"]
FKEYS = [["Main", "Process", "Trend", "Alarms", "Help"], ["Overview", "Trends", "Alarms", "Settings"],
         ["Home", "Mimic", "Trend", "Alarm", "Recipe", "Setup"], ["Übersicht", "Trend", "Alarme", "Service"],
         ["Main", "Alarms", "Diagnostics", "Login"]]


GERMANIC = {"Temperatur Vorlauf", "Temperatur Rücklauf", "Öltemperatur", "Température eau", "Druck", "Systemdruck",
            "Pression", "Durchfluss", "Débit", "Drehzahl", "Drehzahl Lüfter", "Füllstand", "Niveau cuve", "Strom",
            "Spannung", "Leistung", "Puissance", "Frequenz", "Schwingung", "Betriebsstunden", "Leitfähigkeit",
            "Trübung"}


def pick_readings(rng, n):
    """n readings with distinct names and tags within one image (rng.used tracks them)."""
    used = getattr(rng, "used", None)
    if used is None:
        used = rng.used = set()
    pool = [v for v in VOCAB if v["name"] not in used]
    specs = rng.sample(pool, min(n, len(pool)))
    out = []
    tagno = rng.choice([100, 200, 300, 400, 500]) + rng.randint(0, 20)
    comma = rng.random() < 0.3
    for sp in specs:
        if sp["name"] in used:
            continue
        used.add(sp["name"])
        d = rng.choice(sp["decs"])
        v = rng.uniform(sp["lo"], sp["hi"])
        shown = f"{v:.{d}f}"
        if shown.startswith("-") and float(shown) == 0:
            shown = shown[1:]
        value = float(shown) if d else int(shown)
        if comma and d and sp["name"] in GERMANIC:
            shown = shown.replace(".", ",")  # decimal comma on German/French labelled readings
        tagno += 1
        tag = f"{sp['tag']}-{tagno}"
        while tag in used:
            tagno += 1
            tag = f"{sp['tag']}-{tagno}"
        used.add(tag)
        out.append(dict(name=sp["name"], unit=unit_variant(rng, sp["unit"]), value=value, shown=shown,
                        tag=tag, lo=sp["lo"], hi=sp["hi"]))
    return out


def unit_variant(rng, u):
    """Spelling variants actually drawn (the truth keeps what is drawn)."""
    r = rng.random()
    if u == "m³/h" and r < 0.15:
        return "m3/h"
    if u == "°C" and r < 0.04:
        return "℃"
    if u == "°C" and r < 0.08:
        return "degC"
    if u == "rpm" and r < 0.1:
        return "1/min"
    if u == "µS/cm" and r < 0.1:
        return "uS/cm"
    if u == "psi" and r < 0.2:
        return "psig"
    return u


def entry(r, name=None, aliases=None, shown=None):
    e = dict(name=r["name"] if name is None else name, value=r["value"], unit=r["unit"],
             shown=r["shown"] if shown is None else shown)
    if aliases:
        e["aliases"] = aliases
    return e


def rand_date(rng):
    y, mo, d = rng.randint(2023, 2026), rng.randint(1, 12), rng.randint(1, 28)
    h, mi, s = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    fmt = rng.randint(0, 4)
    if fmt == 0:
        return f"{mo:02d}/{d:02d}/{y}  {h:02d}:{mi:02d}:{s:02d}"
    if fmt == 1:
        return f"{y}-{mo:02d}-{d:02d}  {h:02d}:{mi:02d}:{s:02d}"
    if fmt == 2:
        return f"{d:02d}.{mo:02d}.{y} {h:02d}:{mi:02d}"
    if fmt == 3:
        mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][mo - 1]
        return f"{d} {mon} {y}  {h:02d}:{mi:02d}"
    return f"{h:02d}:{mi:02d}:{s:02d}"


def rand_time(rng):
    return f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"


# ----------------------------------------------------------------------------------------------------------------
# themes
ACCENTS_DARK = [(0, 170, 230), (80, 200, 255), (60, 220, 140), (255, 180, 40), (235, 235, 235), (120, 170, 255),
                (255, 130, 70), (180, 150, 255), (0, 210, 200), (110, 235, 110), (90, 230, 190)]
ACCENTS_LIGHT = [(10, 30, 70), (0, 0, 0), (0, 80, 160), (20, 20, 20), (0, 110, 60), (120, 40, 0), (60, 0, 120),
                 (0, 90, 120)]


def make_theme(rng, dark=None):
    dark = rng.random() < 0.55 if dark is None else dark
    fam = rng.choice(FAMILIES)
    t = dict(dark=dark, font=fam[0], bold=fam[1], vfont=rng.choice(VALUE_FONTS))
    if dark:
        base = rng.choice([(12, 14, 18), (10, 18, 34), (20, 22, 26), (14, 22, 18), (28, 28, 32), (6, 10, 24),
                           (24, 18, 14), (0, 0, 0), (30, 34, 44)])
        t["bg"] = base
        t["panel"] = mix(base, (90, 100, 120), rng.uniform(0.08, 0.2))
        t["border"] = mix(base, (140, 150, 170), rng.uniform(0.25, 0.4))
        t["text"] = rng.choice([(225, 230, 235), (240, 240, 240), (200, 210, 220), (230, 225, 210)])
        t["dim"] = mix(t["text"], base, rng.uniform(0.3, 0.45))
        t["header"] = rng.choice([mix(base, (0, 0, 0), 0.5), (20, 60, 140), (40, 44, 52), (0, 70, 90), base])
        t["header_text"] = (245, 245, 245)
        t["accent"] = rng.choice(ACCENTS_DARK)
        t["value"] = t["accent"] if rng.random() < 0.6 else t["text"]
    else:
        base = rng.choice([(236, 239, 243), (212, 208, 200), (245, 245, 245), (200, 204, 210), (228, 232, 222),
                           (250, 248, 240), (192, 192, 192), (220, 226, 234)])
        t["bg"] = base
        t["panel"] = rng.choice([(255, 255, 255), mix(base, (255, 255, 255), 0.5), mix(base, (0, 0, 0), 0.05)])
        t["border"] = mix(base, (60, 70, 80), rng.uniform(0.3, 0.5))
        t["text"] = rng.choice([(25, 30, 40), (0, 0, 0), (40, 40, 40), (30, 40, 60)])
        t["dim"] = mix(t["text"], base, 0.45)
        t["header"] = rng.choice([(21, 101, 192), (0, 0, 128), (70, 70, 70), (0, 90, 80), (40, 50, 70),
                                  (110, 20, 20), (0, 120, 170), (90, 90, 110)])
        t["header_text"] = (250, 250, 250)
        t["accent"] = rng.choice([(21, 101, 192), (0, 140, 90), (230, 120, 0), (0, 120, 170), (120, 60, 160)])
        t["value"] = rng.choice(ACCENTS_LIGHT)
    return t


ALARM_COLORS = [((211, 47, 47), (255, 255, 255)), ((255, 0, 0), (255, 255, 255)), ((245, 166, 35), (20, 20, 20)),
                ((255, 214, 0), (0, 0, 0)), ((200, 30, 30), (255, 240, 200)), ((230, 120, 0), (255, 255, 255))]


# ----------------------------------------------------------------------------------------------------------------
# HMI building blocks

def draw_header(d, W, th, rng, h):
    d.rectangle([0, 0, W, h], fill=th["header"])
    title = rng.choice(PLANTS)
    ft = fit(th["bold"], title, W * 0.45, h, h * rng.uniform(0.45, 0.6))
    d.text((h * 0.35, h / 2), title, font=ft, fill=th["header_text"], anchor="lm")
    parts = [rand_date(rng)]
    if rng.random() < 0.8:
        parts.append("User: " + rng.choice(USERS))
    if rng.random() < 0.5:
        parts.append(f"Screen {rng.randint(1, 60)}")
    right = "  |  ".join(parts)
    fr = fit(th["font"], right, W * 0.48, h, h * rng.uniform(0.32, 0.42))
    d.text((W - h * 0.35, h / 2), right, font=fr, fill=mix(th["header_text"], th["header"], 0.15), anchor="rm")
    if rng.random() < 0.4:
        d.line([0, h, W, h], fill=th["border"], width=1)


def draw_banner(d, W, y0, h, th, rng, msg):
    bg, fg = rng.choice(ALARM_COLORS)
    d.rectangle([0, y0, W, y0 + h], fill=bg)
    x = h * 0.35
    fb = font(th["bold"], h * rng.uniform(0.45, 0.55))
    if rng.random() < 0.6:
        t = rand_time(rng)
        ff = font(th["font"], h * 0.45)
        d.text((x, y0 + h / 2), t, font=ff, fill=fg, anchor="lm")
        x += tw(ff, t) + h * 0.7
    icon = rng.choice(["▲ ", "⚠ ", "", "! "])
    if icon:
        d.text((x, y0 + h / 2), icon, font=fb, fill=fg, anchor="lm")
        x += tw(fb, icon)
    d.text((x, y0 + h / 2), msg, font=fb, fill=fg, anchor="lm")


def draw_footer(d, W, y0, H, th, rng):
    """F-key bar and/or status lamps between y0 and H."""
    h = H - y0
    kind = rng.choice(["fkeys", "lamps", "both"]) if h > 40 else rng.choice(["fkeys", "lamps"])
    yk = y0
    if kind in ("lamps", "both"):
        lh = h if kind == "lamps" else h * 0.45
        n = rng.randint(2, 5)
        lit = rng.sample(LAMPS_LIT, min(n, rng.randint(1, 3)))
        unlit = rng.sample(LAMPS_UNLIT, n - len(lit))
        labels = [(x, True) for x in lit] + [(x, False) for x in unlit if x not in lit]
        rng.shuffle(labels)
        fl = font(th["font"], clamp(lh * 0.42, 9, 15))
        x = 12
        r = fl.size * 0.5
        on_cols = [(20, 200, 60), (255, 200, 0), (40, 160, 255), (20, 170, 40)]
        off = mix(th["bg"], (128, 128, 128), 0.5)
        for lab, on in labels:
            cy = yk + lh / 2
            col = rng.choice(on_cols) if on else off
            d.ellipse([x, cy - r, x + 2 * r, cy + r], fill=col, outline=mix(col, (0, 0, 0), 0.3))
            x += 2 * r + 6
            d.text((x, cy), lab, font=fl, fill=th["text"] if on else th["dim"], anchor="lm")
            x += tw(fl, lab) + 18
            if x > W - 100:
                break
        yk += lh
    if kind in ("fkeys", "both"):
        names = rng.choice(FKEYS)
        fk = rng.random() < 0.6
        n = len(names)
        gap = 6
        bw = (W - gap * (n + 1)) / n
        bh = H - yk - gap
        fb = font(th["font"], clamp(bh * 0.45, 9, 16))
        btn = mix(th["bg"], th["text"], 0.12)
        for i, nm in enumerate(names):
            x0 = gap + i * (bw + gap)
            d.rectangle([x0, yk + 2, x0 + bw, yk + 2 + bh], fill=btn, outline=th["border"])
            lab = f"F{i + 1} {nm}" if fk else nm
            d.text((x0 + bw / 2, yk + 2 + bh / 2), lab, font=fb, fill=th["text"], anchor="mm")


def draw_warning_strip(d, x0, y0, x1, y1, th, rng, msgs):
    """Bottom strip: alarm pills, an ACTIVE ALARM line, or a 'no alarms' text.  Returns the warnings drawn."""
    h = y1 - y0
    if not msgs:
        if rng.random() < 0.6:
            txt = rng.choice(NO_ALARM_TEXTS)
            f = font(th["font"], clamp(h * 0.5, 10, 18))
            col = rng.choice([(40, 170, 70), th["dim"], th["text"]])
            d.ellipse([x0 + 8, (y0 + y1) / 2 - 5, x0 + 18, (y0 + y1) / 2 + 5], fill=(40, 180, 70))
            d.text((x0 + 26, (y0 + y1) / 2), txt, font=f, fill=col, anchor="lm")
        return []
    style = rng.choice(["pills", "line", "line"]) if len(msgs) <= 2 else "pills"
    if style == "line" and len(msgs) == 2:
        msgs = msgs[:1]
    if style == "line":
        bg, fg = rng.choice(ALARM_COLORS)
        d.rectangle([x0, y0 + 2, x1, y1 - 2], fill=mix(th["bg"], th["panel"], 0.5), outline=th["border"])
        d.rectangle([x0, y0 + 2, x0 + 5, y1 - 2], fill=bg)
        fb = font(th["bold"], clamp(h * 0.45, 10, 18))
        lab = rng.choice(["ACTIVE ALARM", "ALARM", "ACTIVE ALARM", "WARNING", "STÖRUNG"])
        red = bg if th["dark"] or bg[1] < 150 else (200, 30, 30)
        d.text((x0 + 16, (y0 + y1) / 2), lab, font=fb, fill=red, anchor="lm")
        d.text((x0 + 30 + tw(fb, lab), (y0 + y1) / 2), msgs[0], font=font(th["font"], fb.size), fill=th["text"],
               anchor="lm")
        return msgs[:1]
    f = font(th["bold"], clamp(h * 0.42, 10, 16))
    widths = [tw(f, m) + f.size * 1.6 for m in msgs]
    total = sum(widths) + 14 * (len(msgs) - 1)
    while total > (x1 - x0) and len(msgs) > 1:
        msgs = msgs[:-1]
        widths = widths[:-1]
        total = sum(widths) + 14 * (len(msgs) - 1)
    x = (x0 + x1) / 2 - total / 2 if rng.random() < 0.6 else x0 + 8
    ph = min(h - 6, f.size * 1.9)
    cy = (y0 + y1) / 2
    for m, w in zip(msgs, widths):
        bg, fg = rng.choice(ALARM_COLORS)
        d.rounded_rectangle([x, cy - ph / 2, x + w, cy + ph / 2], radius=ph / 2 if rng.random() < 0.6 else 3,
                            fill=bg, outline=mix(bg, (0, 0, 0), 0.3), width=2)
        d.text((x + w / 2, cy), m, font=f, fill=fg, anchor="mm")
        x += w + 14
    return msgs


def draw_value(d, x, y, r, th, vf, uf, anchor_right, unit_pos="right", color=None, unit_color=None, shown=None):
    """Draw value (+unit).  (x, y): right edge / left edge of value at baseline y.  Returns bbox."""
    s = r["shown"] if shown is None else shown
    col = color or th["value"]
    ucol = unit_color or th["dim"]
    u = r["unit"]
    vw = tw(vf, s)
    if anchor_right:
        d.text((x, y), s, font=vf, fill=col, anchor="rs")
        xs = x - vw
    else:
        d.text((x, y), s, font=vf, fill=col, anchor="ls")
        xs = x
    if u:
        if unit_pos == "right":
            d.text((xs + vw + max(3, vf.size * 0.15), y), u, font=uf, fill=ucol, anchor="ls")
        else:
            d.text((xs + vw / 2, y + uf.size * 1.3), u, font=uf, fill=ucol, anchor="ms")
    return xs


# ---- layouts: each draws into area (x0, y0, x1, y1) and returns a list of truth entries

def layout_tiles(d, area, th, rng, n=None):
    x0, y0, x1, y1 = area
    W, H = x1 - x0, y1 - y0
    n = n or rng.randint(2, 9)
    cols = clamp(int(round(math.sqrt(n * W / max(H, 1) * 0.9))), 1, 4)
    rows = int(math.ceil(n / cols))
    while rows * cols < n:
        cols += 1
    gap = rng.choice([6, 10, 14, 20])
    cw = (W - gap * (cols + 1)) / cols
    ch = (H - gap * (rows + 1)) / rows
    if ch < 50:
        rows = max(1, int((H - gap) / (50 + gap)))
        n = min(n, rows * cols)
        ch = (H - gap * (rows + 1)) / rows
    readings = pick_readings(rng, n)
    out = []
    unit_below = rng.random() < 0.3
    show_tag = rng.random() < 0.25
    radius = rng.choice([0, 4, 8])
    label_up = rng.random() < 0.35
    for i, r in enumerate(readings):
        cx0 = x0 + gap + (i % cols) * (cw + gap)
        cy0 = y0 + gap + (i // cols) * (ch + gap)
        d.rounded_rectangle([cx0, cy0, cx0 + cw, cy0 + ch], radius=radius, fill=th["panel"], outline=th["border"])
        if rng.random() < 0.3:
            d.rectangle([cx0, cy0, cx0 + 4, cy0 + ch], fill=th["accent"])
        lab = r["name"].upper() if label_up else r["name"]
        lf = fit(th["font"] if rng.random() < 0.6 else th["bold"], lab, cw * 0.9, ch * 0.2, clamp(ch * 0.16, 10, 24))
        ty = cy0 + ch * 0.06
        ali = None
        if show_tag:
            tf = font(th["font"], max(9, lf.size * 0.8))
            d.text((cx0 + cw * 0.06, ty), r["tag"], font=tf, fill=th["dim"], anchor="la")
            ty += tf.size * 1.25
            ali = [r["tag"]]
        center = rng.random() < 0.5
        if center:
            d.text((cx0 + cw / 2, ty), lab, font=lf, fill=th["dim"] if rng.random() < 0.6 else th["text"], anchor="ma")
        else:
            d.text((cx0 + cw * 0.06, ty), lab, font=lf, fill=th["dim"] if rng.random() < 0.6 else th["text"],
                   anchor="la")
        top = ty + lf.size * 1.4
        avail_h = cy0 + ch - top - ch * 0.08
        u = r["unit"]
        uf0 = th["font"]
        if unit_below:
            vf = fit(th["vfont"], r["shown"], cw * 0.8, avail_h * 0.55, clamp(avail_h * 0.55, 12, 60))
            uf = font(uf0, clamp(vf.size * 0.4, 10, 22))
            base = top + (avail_h - uf.size * 1.4) / 2 + vf.size * 0.75
            d.text((cx0 + cw / 2, base), r["shown"], font=vf, fill=th["value"], anchor="ms")
            if u:
                d.text((cx0 + cw / 2, base + uf.size * 1.4), u, font=uf, fill=th["dim"], anchor="ms")
        else:
            vsz = clamp(avail_h * 0.7, 12, 60)
            uf = font(uf0, clamp(vsz * 0.4, 10, 22))
            vf = fit(th["vfont"], r["shown"], cw * 0.85 - (tw(uf, u) + 6 if u else 0), avail_h * 0.8, vsz)
            uf = font(uf0, clamp(vf.size * 0.4, 10, 22))
            total = tw(vf, r["shown"]) + (tw(uf, u) + max(3, vf.size * 0.15) if u else 0)
            base = top + avail_h / 2 + vf.size * 0.36
            xs = cx0 + (cw - total) / 2 if center else cx0 + cw * 0.06
            draw_value(d, xs, base, r, th, vf, uf, False)
        if rng.random() < 0.2:  # mini bar without scale
            frac = clamp((r["value"] - r["lo"]) / max(1e-9, r["hi"] - r["lo"]), 0.02, 1)
            by = cy0 + ch - ch * 0.06
            d.rectangle([cx0 + cw * 0.06, by - 3, cx0 + cw * 0.94, by], fill=mix(th["panel"], th["text"], 0.15))
            d.rectangle([cx0 + cw * 0.06, by - 3, cx0 + cw * 0.06 + cw * 0.88 * frac, by], fill=th["accent"])
        out.append(entry(r, aliases=ali))
    return out


def layout_rows(d, area, th, rng, n=None, cols=None):
    x0, y0, x1, y1 = area
    W, H = x1 - x0, y1 - y0
    cols = cols or (2 if W > 700 and rng.random() < 0.45 else 1)
    n = n or rng.randint(3, 12)
    rh_min = 22
    per_col = max(1, min(int(math.ceil(n / cols)), int(H / rh_min)))
    n = min(n, per_col * cols)
    readings = pick_readings(rng, n)
    rh = min(H / per_col, rng.choice([30, 40, 55, 70, 90]))
    boxed = rng.random() < 0.5
    if boxed:
        d.rectangle([x0, y0, x1, y0 + rh * per_col + 8], fill=th["panel"], outline=th["border"])
    leader = rng.random() < 0.3
    tagcol = rng.random() < 0.2
    colon = rng.random() < 0.2
    sep = rng.random() < 0.6
    out = []
    cw = W / cols
    vsize = clamp(rh * rng.uniform(0.45, 0.7), 11, 48)
    lsize = clamp(rh * rng.uniform(0.35, 0.5), 10, 26)
    for i, r in enumerate(readings):
        c, k = divmod(i, per_col)
        cx0 = x0 + c * cw + 10
        cx1 = x0 + (c + 1) * cw - 10
        base = y0 + 4 + k * rh + rh * 0.68
        lf = font(th["font"], lsize)
        vf = font(th["vfont"], vsize)
        uf = font(th["font"], clamp(vsize * 0.55, 9, 22))
        umax = max([tw(uf, q["unit"]) for q in readings] + [0])
        vx = cx1 - umax - 8
        lx = cx0
        ali = None
        if tagcol:
            tf = font(th["font"], lsize * 0.85)
            d.text((lx, base), r["tag"], font=tf, fill=th["dim"], anchor="ls")
            lx += tw(tf, "XXX-000") + 10
            ali = [r["tag"]]
        lab = r["name"] + (":" if colon else "")
        maxlw = vx - tw(vf, r["shown"]) - 12 - lx
        lf = fit(th["font"], lab, maxlw, lsize, lsize)
        d.text((lx, base), lab, font=lf, fill=th["text"], anchor="ls")
        if leader:
            lend = lx + tw(lf, lab) + 6
            vstart = vx - tw(vf, r["shown"]) - 6
            dots = "." * max(0, int((vstart - lend) / max(1, tw(lf, "."))))
            d.text((lend, base), dots, font=lf, fill=th["dim"], anchor="ls")
        col = th["value"]
        if rng.random() < 0.08:
            col = (230, 40, 40)
        d.text((vx, base), r["shown"], font=vf, fill=col, anchor="rs")
        if r["unit"]:
            d.text((vx + 6, base), r["unit"], font=uf, fill=th["dim"], anchor="ls")
        if sep:
            ly = y0 + 4 + (k + 1) * rh - 2
            d.line([cx0, ly, cx1, ly], fill=mix(th["border"], th["bg"], 0.3), width=1)
        out.append(entry(r, aliases=ali))
    return out


def layout_table(d, area, th, rng, n=None):
    x0, y0, x1, y1 = area
    W, H = x1 - x0, y1 - y0
    n = n or rng.randint(3, 10)
    hdr_h = clamp(H * 0.08, 20, 44)
    rh = clamp((H - hdr_h) / n, 18, rng.choice([30, 40, 52]))
    n = min(n, int((H - hdr_h - 4) / rh))
    readings = pick_readings(rng, max(1, n))
    german = rng.random() < 0.15
    cols = []
    if rng.random() < 0.3:
        cols.append(("tag", "Messstelle" if german else rng.choice(["TAG", "Tag", "ID"]), 0.13))
    cols.append(("name", "Bezeichnung" if german else rng.choice(["PARAMETER", "Description", "DESCRIPTION",
                                                                   "Parameter", "Measurement"]), 0.34))
    merged_unit = rng.random() < 0.25
    cols.append(("value", "Wert" if german else rng.choice(["VALUE", "Value", "Actual", "PV"]), 0.16))
    if not merged_unit:
        cols.append(("unit", "Einheit" if german else rng.choice(["UNIT", "Unit", "EU"]), 0.11))
    rng_kind = rng.random()
    if rng_kind < 0.75:
        cols.append(("range", "Bereich" if german else rng.choice(["RANGE", "Range", "Limits", "LO / HI", "Alarm Limits"]),
                     0.17))
    if rng.random() < 0.6:
        cols.append(("status", "Status" if german else rng.choice(["STATUS", "Status", "State"]), 0.09))
    tot = sum(c[2] for c in cols)
    xs = [x0]
    for c in cols:
        xs.append(xs[-1] + W * c[2] / tot)
    hf = font(th["bold"], clamp(hdr_h * 0.45, 10, 18))
    d.rectangle([x0, y0, x1, y0 + hdr_h], fill=mix(th["panel"], th["header"], 0.3 if th["dark"] else 0.1))
    for i, c in enumerate(cols):
        if c[0] == "value":
            d.text((xs[i + 1] - 10, y0 + hdr_h / 2), c[1], font=hf, fill=th["dim"], anchor="rm")
        else:
            d.text((xs[i] + 8, y0 + hdr_h / 2), c[1], font=hf, fill=th["dim"], anchor="lm")
    d.line([x0, y0 + hdr_h, x1, y0 + hdr_h], fill=th["border"], width=2)
    lsz = clamp(rh * 0.5, 10, 26)
    vsz = clamp(rh * 0.58, 10, 30)
    stripe = rng.random() < 0.5
    out = []
    for k, r in enumerate(readings):
        ry = y0 + hdr_h + k * rh
        if stripe and k % 2:
            d.rectangle([x0, ry, x1, ry + rh], fill=mix(th["panel"], th["bg"], 0.5))
        base = ry + rh * 0.68
        ali = None
        for i, c in enumerate(cols):
            cw = xs[i + 1] - xs[i] - 16
            if c[0] == "tag":
                f = fit(th["font"], r["tag"], cw, lsz, lsz)
                d.text((xs[i] + 8, base), r["tag"], font=f, fill=th["dim"], anchor="ls")
                ali = [r["tag"]]
            elif c[0] == "name":
                f = fit(th["font"], r["name"], cw, lsz, lsz)
                d.text((xs[i] + 8, base), r["name"], font=f, fill=th["text"], anchor="ls")
            elif c[0] == "value":
                s = r["shown"] + ((" " + r["unit"]) if merged_unit and r["unit"] else "")
                f = fit(th["vfont"], s, cw, vsz, vsz)
                col = th["value"] if rng.random() > 0.08 else (220, 30, 30)
                d.text((xs[i + 1] - 10, base), s, font=f, fill=col, anchor="rs")
            elif c[0] == "unit":
                if r["unit"]:
                    f = fit(th["font"], r["unit"], cw, lsz, lsz)
                    d.text((xs[i] + 8, base), r["unit"], font=f, fill=th["text"], anchor="ls")
            elif c[0] == "range":
                lo, hi = r["lo"], r["hi"]
                span = hi - lo
                a = lo - span * rng.choice([0, 0.1, 0.2])
                b = hi + span * rng.choice([0, 0.1, 0.25])
                if lo >= 0:
                    a = max(0.0, a)
                dd = 0 if span >= 20 else (1 if span >= 2 else 2)
                style = rng.randint(0, 3)
                if style == 0:
                    s = f"{a:.{dd}f} – {b:.{dd}f}"
                elif style == 1:
                    s = f"{a:.{dd}f} … {b:.{dd}f}"
                elif style == 2:
                    s = f"L {a:.{dd}f} / H {b:.{dd}f}"
                else:
                    s = f"{a:.{dd}f}-{b:.{dd}f}"
                f = fit(th["font"], s, cw, lsz * 0.9, lsz * 0.9)
                d.text((xs[i] + 8, base), s, font=f, fill=th["dim"], anchor="ls")
            elif c[0] == "status":
                cy = ry + rh / 2
                rr = clamp(rh * 0.18, 4, 9)
                col = (0, 170, 0) if rng.random() < 0.85 else (230, 30, 30)
                if rng.random() < 0.7:
                    d.ellipse([xs[i] + 10, cy - rr, xs[i] + 10 + 2 * rr, cy + rr], fill=col)
                else:
                    f = font(th["font"], lsz * 0.8)
                    d.text((xs[i] + 8, base), rng.choice(["OK", "Normal", "OK"]), font=f, fill=(0, 150, 0),
                           anchor="ls")
        d.line([x0, ry + rh, x1, ry + rh], fill=mix(th["border"], th["bg"], 0.4), width=1)
        out.append(entry(r, aliases=ali, shown=r["shown"]))
    return out


def nice_scale(lo, hi, rng):
    span = hi - lo
    for step in [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000]:
        nt = rng.choice([4, 5, 6])
        if step * nt >= span:
            a = math.floor(lo / step) * step
            return a, step, nt
    return lo, span / 5, 5


def fmt_tick(v, step):
    if step >= 1 and abs(v - round(v)) < 1e-9:
        return str(int(round(v)))
    return f"{v:.1f}" if step >= 0.1 else f"{v:.2f}"


def draw_gauge(d, box, r, th, rng, sweep, start):
    bx0, by0, bx1, by1 = box
    bw, bh = bx1 - bx0, by1 - by0
    d.rounded_rectangle(box, radius=rng.choice([0, 4, 8]), fill=th["panel"], outline=th["border"])
    lab = r["name"]
    lf = fit(th["bold"], lab, bw * 0.9, 24, clamp(bh * 0.07, 10, 22))
    d.text(((bx0 + bx1) / 2, by0 + bh * 0.04), lab, font=lf, fill=th["text"], anchor="ma")
    top = by0 + bh * 0.04 + lf.size * 1.6
    inside = rng.random() < 0.6
    R = min(bw * 0.4, (by1 - top) * 0.45) * (1.0 if inside else 0.8)
    cx, cy = (bx0 + bx1) / 2, top + (by1 - top) * 0.5
    lo = min(r["lo"], r["value"])
    hi = max(r["hi"], r["value"]) * (1.0 + rng.uniform(0.05, 0.3)) if r["value"] >= 0 else r["hi"]
    lo = 0 if lo >= 0 and rng.random() < 0.7 else lo
    a, step, nt = nice_scale(lo, hi, rng)
    b = a + step * nt
    frac = clamp((r["value"] - a) / (b - a), 0, 1)
    wdt = max(4, int(R * rng.uniform(0.08, 0.16)))
    bb = [cx - R, cy - R, cx + R, cy + R]
    track = mix(th["panel"], th["text"], 0.15)
    d.arc(bb, start, start + sweep, fill=track, width=wdt)
    if frac > 0.003:
        d.arc(bb, start, start + sweep * frac, fill=th["accent"], width=wdt)
    tf = font(th["font"], clamp(R * 0.11, 8, 16))
    for i in range(nt + 1):
        ang = math.radians(start + sweep * i / nt)
        c, s = math.cos(ang), math.sin(ang)
        r1, r2 = R - wdt - 3, R - wdt - 3 - R * 0.07
        d.line([cx + c * r1, cy + s * r1, cx + c * r2, cy + s * r2], fill=th["dim"], width=2)
        rl = R * 0.66 if inside else R + tf.size * 1.2
        d.text((cx + c * rl, cy + s * rl), fmt_tick(a + step * i, step), font=tf, fill=th["dim"], anchor="mm")
    vmaxw = R * (0.95 if inside else 1.4)
    vf = fit(th["vfont"], r["shown"], vmaxw, R * 0.5, clamp(R * 0.45, 12, 60))
    d.text((cx, cy + vf.size * 0.3), r["shown"], font=vf, fill=th["value"], anchor="ms")
    if r["unit"]:
        uf = font(th["font"], clamp(R * 0.13, 9, 22))
        d.text((cx, cy + vf.size * 0.3 + uf.size * 1.5), r["unit"], font=uf, fill=th["dim"], anchor="ms")
    return entry(r)


def layout_gauges(d, area, th, rng):
    x0, y0, x1, y1 = area
    W, H = x1 - x0, y1 - y0
    with_rows = rng.random() < 0.5 and H > 300
    gh = H * (0.68 if with_rows else 1.0)
    n = rng.randint(1, 4 if W > 900 else 3)
    readings = pick_readings(rng, n)
    gap = 14
    gw = (W - gap * (n + 1)) / n
    gsz_h = min(gh - 2 * gap, gw * 1.1)
    sweep, start = rng.choice([(270, 135), (240, 150), (180, 180)])
    out = []
    for i, r in enumerate(readings):
        bx0 = x0 + gap + i * (gw + gap)
        by0 = y0 + gap + (gh - 2 * gap - gsz_h) / 2
        out.append(draw_gauge(d, [bx0, by0, bx0 + gw, by0 + gsz_h], r, th, rng, sweep, start))
    if with_rows:
        names = {e["name"] for e in out}
        extra = layout_rows(d, [x0 + gap, y0 + gh, x1 - gap, y1 - 4], th, rng, n=rng.randint(2, 6),
                            cols=2 if W > 640 else 1)
        out += [e for e in extra if e["name"] not in names]
    return out


def draw_tank(d, x, y, w, h, th, rng, lvl):
    line = th["dim"]
    d.rounded_rectangle([x, y, x + w, y + h], radius=w * 0.12, fill=th["panel"], outline=line, width=2)
    fy = y + h - (h - 6) * lvl
    d.rounded_rectangle([x + 3, fy, x + w - 3, y + h - 3], radius=w * 0.1, fill=mix(th["accent"], th["panel"], 0.45))


def draw_pump(d, cx, cy, r, th, on):
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=th["panel"], outline=th["dim"], width=2)
    col = (40, 160, 70) if on else (150, 150, 150)
    d.polygon([(cx - r * 0.45, cy - r * 0.55), (cx - r * 0.45, cy + r * 0.55), (cx + r * 0.65, cy)], fill=col)


def draw_valve(d, cx, cy, r, th, on):
    col = (40, 160, 70) if on else (200, 60, 60)
    d.polygon([(cx - r, cy - r * 0.6), (cx - r, cy + r * 0.6), (cx, cy)], fill=col)
    d.polygon([(cx + r, cy - r * 0.6), (cx + r, cy + r * 0.6), (cx, cy)], fill=col)


def layout_mimic(d, area, th, rng):
    x0, y0, x1, y1 = area
    W, H = x1 - x0, y1 - y0
    ncol = rng.choice([3, 4, 5]) if W > 700 else 3
    cw = W / ncol
    ymid = y0 + H * rng.uniform(0.45, 0.55)
    pipe_w = rng.choice([3, 5, 7])
    pipe_col = th["dim"]
    d.line([x0 + cw * 0.3, ymid, x1 - cw * 0.3, ymid], fill=pipe_col, width=pipe_w)
    eq_letters = {"tank": "T", "pump": "P", "valve": "V", "hx": "E", "vessel": "D"}
    eqf = font(th["font"], clamp(H * 0.035, 10, 20))
    eq_h = H * 0.28
    for c in range(ncol):
        cx = x0 + cw * (c + 0.5)
        kind = rng.choice(["tank", "pump", "valve", "hx", "vessel", "pump"])
        lab = f"{eq_letters[kind]}-{rng.randint(1, 250)}"
        if kind == "tank":
            w = min(cw * 0.45, eq_h * 0.7)
            draw_tank(d, cx - w / 2, ymid - eq_h / 2, w, eq_h, th, rng, rng.uniform(0.1, 0.9))
            ly = ymid + eq_h / 2 + 6
        elif kind == "vessel":
            w = min(cw * 0.45, eq_h * 0.7)
            d.rounded_rectangle([cx - w / 2, ymid - eq_h / 2, cx + w / 2, ymid + eq_h / 2], radius=w * 0.45,
                                fill=th["panel"], outline=th["dim"], width=2)
            ly = ymid + eq_h / 2 + 6
        elif kind == "pump":
            rr = min(cw * 0.18, eq_h * 0.22)
            draw_pump(d, cx, ymid, rr, th, rng.random() < 0.7)
            ly = ymid + rr + 6
        elif kind == "valve":
            rr = min(cw * 0.12, eq_h * 0.15)
            draw_valve(d, cx, ymid, rr, th, rng.random() < 0.7)
            ly = ymid + rr + 6
        else:
            w = min(cw * 0.4, eq_h * 0.6)
            d.rectangle([cx - w / 2, ymid - w * 0.45, cx + w / 2, ymid + w * 0.45], fill=th["panel"], outline=th["dim"],
                        width=2)
            d.line([cx - w / 2, ymid - w * 0.45, cx + w / 2, ymid + w * 0.45], fill=th["dim"], width=1)
            d.line([cx - w / 2, ymid + w * 0.45, cx + w / 2, ymid - w * 0.45], fill=th["dim"], width=1)
            ly = ymid + w * 0.45 + 6
        d.text((cx, ly), lab, font=eqf, fill=th["dim"], anchor="ma")
    # value boxes in top / bottom bands
    slots = [(c, band) for c in range(ncol) for band in (0, 1)]
    rng.shuffle(slots)
    n = rng.randint(3, min(8, len(slots)))
    readings = pick_readings(rng, n)
    out = []
    band_h = (H - eq_h) / 2 - 30
    tsz = clamp(H * 0.028, 10, 15)
    vsz = clamp(H * 0.045, 12, 30)
    for r, (c, band) in zip(readings, slots):
        mode = rng.choice(["tag", "tag", "desc", "both"])
        tf = font(th["font"], tsz)
        vf = font(th["vfont"], vsz)
        uf = font(th["font"], tsz)
        lines = []
        if mode in ("tag", "both"):
            lines.append(r["tag"])
        if mode in ("desc", "both"):
            lines.append(r["name"])
        bw_need = max([tw(tf, s) for s in lines] + [tw(vf, r["shown"]) + tw(uf, r["unit"]) + 8]) + 18
        bw = min(cw * 0.92, bw_need)
        if bw < bw_need:  # description too long: tag only
            lines, mode = [r["tag"]], "tag"
            bw = min(cw * 0.92, max(tw(tf, r["tag"]), tw(vf, r["shown"]) + tw(uf, r["unit"]) + 8) + 18)
        bh = len(lines) * tsz * 1.3 + vsz * 1.3 + 8
        if bh > band_h:
            continue
        cx = x0 + cw * (c + 0.5) + rng.uniform(-0.15, 0.15) * cw
        cx = clamp(cx, x0 + cw * c + bw / 2 + 2, x0 + cw * (c + 1) - bw / 2 - 2)
        if band == 0:
            by = y0 + rng.uniform(8, max(9, band_h - bh))
        else:
            by = y1 - 8 - rng.uniform(0, max(1, band_h - bh)) - bh
        bx = cx - bw / 2
        d.rectangle([bx, by, bx + bw, by + bh], fill=th["panel"], outline=th["border"])
        yy = by + 4
        for s in lines:
            d.text((bx + 8, yy), s, font=tf, fill=th["dim"], anchor="la")
            yy += tsz * 1.3
        base = yy + vsz * 0.95
        d.text((bx + 8, base), r["shown"], font=vf, fill=th["value"], anchor="ls")
        if r["unit"]:
            d.text((bx + 8 + tw(vf, r["shown"]) + 6, base), r["unit"], font=uf, fill=th["dim"], anchor="ls")
        if mode == "tag":
            out.append(entry(r, name=r["tag"]))
        elif mode == "desc":
            out.append(entry(r))
        else:
            out.append(entry(r, aliases=[r["tag"], r["tag"] + " " + r["name"]]))
    return out


def layout_trend(d, area, th, rng):
    x0, y0, x1, y1 = area
    W, H = x1 - x0, y1 - y0
    split = rng.uniform(0.5, 0.62)
    cx1 = x0 + W * split
    d.rectangle([x0, y0, cx1, y1], fill=th["panel"], outline=th["border"])
    tf = font(th["bold"], clamp(H * 0.035, 10, 16))
    d.text((x0 + 10, y0 + 8), rng.choice(["Historical trend", "Trend", "Verlauf", "Last 30 min", "Trend – 1 h"]),
           font=tf, fill=th["dim"], anchor="la")
    af = font(th["font"], clamp(H * 0.025, 9, 13))
    px0, py0, px1, py1 = x0 + 12 + tw(af, "0000") + 6, y0 + 16 + tf.size * 2, cx1 - 16, y1 - af.size * 4
    d.rectangle([px0, py0, px1, py1], fill=mix(th["panel"], (0, 0, 0), 0.3 if th["dark"] else 0.02),
                outline=th["border"])
    unit = rng.choice(["°C", "bar", "%", "m³/h", "kW", "A", "rpm"])
    d.text((px0, py0 - 4), f"[{unit}]", font=af, fill=th["dim"], anchor="ls")
    top = rng.choice([1, 2, 2.5, 5, 10, 20, 25, 50, 100, 150, 200, 300, 400, 500, 1000, 3000])
    nt = 4
    for i in range(nt + 1):
        y = py1 - (py1 - py0) * i / nt
        d.text((px0 - 5, y), fmt_tick(top * i / nt, top / nt), font=af, fill=th["dim"], anchor="rm")
        d.line([px0, y, px1, y], fill=mix(th["border"], th["panel"], 0.5), width=1)
    h0, m0 = rng.randint(0, 23), rng.choice([0, 10, 15, 30, 45])
    nx = 5
    for i in range(nx + 1):
        x = px0 + (px1 - px0) * i / nx
        mm = m0 + 5 * i
        d.text((x, py1 + 5), f"{(h0 + mm // 60) % 24:02d}:{mm % 60:02d}", font=af, fill=th["dim"], anchor="ma")
        d.line([x, py0, x, py1], fill=mix(th["border"], th["panel"], 0.6), width=1)
    cols = [(240, 100, 100), (80, 170, 255), (90, 210, 120), (240, 200, 60)]
    lx = px0
    for k in range(rng.randint(1, 3)):
        y = rng.uniform(0.3, 0.7)
        pts = []
        for i in range(60):
            y = clamp(y + rng.gauss(0, 0.03), 0.05, 0.95)
            pts.append((px0 + (px1 - px0) * i / 59, py1 - (py1 - py0) * y))
        d.line(pts, fill=cols[k], width=2)
        tag = f"{rng.choice(['TT', 'PT', 'FT', 'LT'])}-{rng.randint(100, 399)}"
        ly = y1 - af.size * 1.6
        d.rectangle([lx, ly - af.size * 0.35, lx + af.size * 0.7, ly + af.size * 0.35], fill=cols[k])
        d.text((lx + af.size, ly), tag, font=af, fill=cols[k], anchor="lm")
        lx += tw(af, tag) + af.size * 2.5
    return layout_rows(d, [cx1 + 12, y0, x1, y1], th, rng, n=rng.randint(3, 8), cols=1)


def layout_bars(d, area, th, rng):
    x0, y0, x1, y1 = area
    W, H = x1 - x0, y1 - y0
    n = rng.randint(2, 6 if W > 800 else 4)
    readings = pick_readings(rng, n)
    cw = W / n
    out = []
    lf = font(th["font"], clamp(H * 0.035, 10, 18))
    vf0 = clamp(H * 0.06, 12, 36)
    sf = font(th["font"], clamp(H * 0.025, 8, 13))
    for i, r in enumerate(readings):
        bx0 = x0 + i * cw
        d.rectangle([bx0 + 6, y0 + 6, bx0 + cw - 6, y1 - 6], fill=th["panel"], outline=th["border"])
        lab = r["name"]
        lff = fit(th["font"], lab, cw * 0.9, lf.size, lf.size)
        d.text((bx0 + cw / 2, y0 + 14), lab, font=lff, fill=th["text"], anchor="ma")
        vf = fit(th["vfont"], r["shown"] + " " + r["unit"], cw * 0.85, vf0, vf0)
        uf = font(th["font"], clamp(vf.size * 0.5, 9, 20))
        base = y1 - 16
        total = tw(vf, r["shown"]) + (tw(uf, r["unit"]) + 5 if r["unit"] else 0)
        draw_value(d, bx0 + cw / 2 - total / 2, base, r, th, vf, uf, False)
        gy0, gy1 = y0 + 14 + lff.size * 2, base - vf.size * 1.4
        gw = min(cw * 0.3, 60)
        gx = bx0 + cw / 2 - gw / 2 + tw(sf, "000") / 2
        lo = 0 if r["lo"] >= 0 else r["lo"]
        a, step, nt = nice_scale(lo, max(r["hi"], r["value"]), rng)
        b = a + step * nt
        frac = clamp((r["value"] - a) / (b - a), 0, 1)
        d.rectangle([gx, gy0, gx + gw, gy1], fill=mix(th["panel"], th["text"], 0.08), outline=th["border"])
        d.rectangle([gx + 2, gy1 - (gy1 - gy0) * frac, gx + gw - 2, gy1 - 1], fill=th["accent"])
        for k in range(nt + 1):
            y = gy1 - (gy1 - gy0) * k / nt
            d.line([gx - 5, y, gx, y], fill=th["dim"])
            d.text((gx - 8, y), fmt_tick(a + step * k, step), font=sf, fill=th["dim"], anchor="rm")
        out.append(entry(r))
    return out


LAYOUTS = [("tiles", layout_tiles, 3), ("rows", layout_rows, 3), ("table", layout_table, 3),
           ("gauges", layout_gauges, 3), ("mimic", layout_mimic, 2), ("trend", layout_trend, 2),
           ("bars", layout_bars, 2)]

HMI_SIZES = [(640, 480), (800, 480), (800, 600), (1024, 600), (1024, 768), (1280, 720), (1280, 800), (960, 540),
             (1152, 648), (854, 480)]


def render_hmi(rng, size=None):
    W, H = size or rng.choice(HMI_SIZES)
    th = make_theme(rng)
    img = Image.new("RGB", (W, H), th["bg"])
    d = ImageDraw.Draw(img)
    hh = int(clamp(H * rng.uniform(0.045, 0.07), 22, 48))
    draw_header(d, W, th, rng, hh)
    nw = rng.choices([0, 1, 2, 3], [3, 4, 2, 1])[0]
    msgs = rng.sample(WARNINGS, nw)
    warnings = []
    y = hh
    if msgs and rng.random() < 0.45:
        bh = int(hh * rng.uniform(0.8, 1.0))
        draw_banner(d, W, y + 1, bh, th, rng, msgs[0])
        warnings.append(msgs[0])
        msgs = msgs[1:]
        y += bh + 1
    footer_h = int(hh * rng.uniform(0.9, 1.6)) if rng.random() < 0.75 else 0
    strip_h = int(clamp(H * 0.07, 26, 46)) if (msgs or rng.random() < 0.4) else 0
    if footer_h:
        draw_footer(d, W, H - footer_h, H, th, rng)
    if strip_h:
        warnings += draw_warning_strip(d, 10, H - footer_h - strip_h - 4, W - 10, H - footer_h - 4, th, rng, msgs)
    area = [10, y + 10, W - 10, H - footer_h - strip_h - 10]
    name, fn, _ = rng.choices(LAYOUTS, [w for _, _, w in LAYOUTS])[0]
    values = fn(d, area, th, rng)
    return img, values, warnings, name


# ----------------------------------------------------------------------------------------------------------------
# geometry and photographic degradation

def solve(A, b):
    n = len(b)
    M = [row[:] + [b[i]] for i, row in enumerate(A)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(M[r][c]))
        M[c], M[p] = M[p], M[c]
        for r in range(n):
            if r != c and M[r][c] != 0:
                f = M[r][c] / M[c][c]
                for k in range(c, n + 1):
                    M[r][k] -= f * M[c][k]
    return [M[i][n] / M[i][i] for i in range(n)]


def homography(src, dst):
    """H (3x3 list) with dst ~ H src for four point pairs."""
    A, b = [], []
    for (x, y), (u, v) in zip(src, dst):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y]); b.append(u)
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y]); b.append(v)
    h = solve(A, b)
    return [[h[0], h[1], h[2]], [h[3], h[4], h[5]], [h[6], h[7], 1.0]]


def apply_h(H, x, y):
    w = H[2][0] * x + H[2][1] * y + H[2][2]
    return ((H[0][0] * x + H[0][1] * y + H[0][2]) / w, (H[1][0] * x + H[1][1] * y + H[1][2]) / w)


def warp_into(canvas, src_img, quad, resample=Image.BICUBIC):
    """Paste RGBA src_img warped so its corners land on quad (tl, tr, br, bl) in canvas.  Returns forward H."""
    w, h = src_img.size
    corners = [(0, 0), (w, 0), (w, h), (0, h)]
    Hf = homography(corners, quad)
    Hi = homography(quad, corners)
    coeffs = [Hi[0][0], Hi[0][1], Hi[0][2], Hi[1][0], Hi[1][1], Hi[1][2], Hi[2][0], Hi[2][1]]
    warped = src_img.transform(canvas.size, Image.PERSPECTIVE, coeffs, resample)
    canvas.alpha_composite(warped)
    return Hf


def box_through(H, box, W, Hh):
    x0, y0, x1, y1 = box
    pts = [apply_h(H, x, y) for x, y in [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]]
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return [int(clamp(math.floor(min(xs)), 0, W - 1)), int(clamp(math.floor(min(ys)), 0, Hh - 1)),
            int(clamp(math.ceil(max(xs)), 0, W - 1)), int(clamp(math.ceil(max(ys)), 0, Hh - 1))]


def random_quad(rng, w, h, W, H, fill, max_rot, persp):
    """Target quad for a w x h object in a W x H canvas: scaled to `fill`, rotated, perspective-jittered,
    shrunk until all corners lie inside the canvas."""
    for _ in range(40):
        q = _random_quad(rng, w, h, W, H, fill, max_rot, persp)
        if all(4 <= x <= W - 4 and 4 <= y <= H - 4 for x, y in q):
            return q
        fill *= 0.95
    return q


def _random_quad(rng, w, h, W, H, fill, max_rot, persp):
    s = min(W * fill / w, H * fill / h)
    ww, hh = w * s, h * s
    cx = W / 2 + rng.uniform(-0.5, 0.5) * (W - ww) * 0.6
    cy = H / 2 + rng.uniform(-0.5, 0.5) * (H - hh) * 0.6
    th = math.radians(rng.uniform(-max_rot, max_rot))
    c, sn = math.cos(th), math.sin(th)
    quad = []
    for (dx, dy) in [(-ww / 2, -hh / 2), (ww / 2, -hh / 2), (ww / 2, hh / 2), (-ww / 2, hh / 2)]:
        jx = rng.uniform(-persp, persp) * ww
        jy = rng.uniform(-persp, persp) * hh
        x, y = dx + jx, dy + jy
        quad.append((cx + x * c - y * sn, cy + x * sn + y * c))
    # a consistent keystone (tilt) in addition to the jitter
    k = rng.uniform(-persp, persp) * 1.5
    if rng.random() < 0.5:
        quad[0] = (quad[0][0] + k * ww, quad[0][1]); quad[1] = (quad[1][0] - k * ww, quad[1][1])
    else:
        quad[0] = (quad[0][0], quad[0][1] + k * hh); quad[3] = (quad[3][0], quad[3][1] - k * hh)
    return quad


def scene_background(rng, W, H):
    g = rng.randint(25, 190)
    tint = [rng.randint(-25, 25) for _ in range(3)]
    a = tuple(clamp(g + t, 0, 255) for t in tint)
    b = mix(a, (rng.randint(0, 255),) * 3, rng.uniform(0.2, 0.5))
    grad = Image.linear_gradient("L").resize((W, H)).rotate(rng.uniform(0, 360), expand=False, fillcolor=128)
    bg = Image.composite(Image.new("RGB", (W, H), a), Image.new("RGB", (W, H), b), grad)
    d = ImageDraw.Draw(bg)
    for _ in range(rng.randint(0, 4)):  # panel edges, cable ducts, labels
        x, y = rng.randint(0, W), rng.randint(0, H)
        col = mix(a, (rng.randint(0, 255),) * 3, 0.3)
        d.rectangle([x, y, x + rng.randint(30, W // 2), y + rng.randint(10, H // 3)], fill=col)
    return bg.filter(ImageFilter.GaussianBlur(rng.uniform(2, 8)))


def noise_image(rng, W, H, sigma, scale=1):
    """Zero-mean (128) noise from rng bytes (Image.effect_noise would use the C library's global random state)."""
    w, h = max(1, W // scale), max(1, H // scale)
    n = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    k = sigma / 74.0  # a uniform byte has standard deviation ~74
    n = n.point(lambda v: int(clamp(128 + (v - 128) * k, 0, 255)))
    return n.resize((W, H), Image.BILINEAR) if scale > 1 else n


def add_noise(img, rng, sigma):
    if sigma <= 0:
        return img
    W, H = img.size
    scale = rng.choice([1, 1, 2])
    if rng.random() < 0.5:
        n = noise_image(rng, W, H, sigma, scale).convert("RGB")
    else:
        n = Image.merge("RGB", [noise_image(rng, W, H, sigma, scale) for _ in range(3)])
    return ImageChops.add(img, n, 1.0, -128)


def add_glare(img, rng, strength):
    W, H = img.size
    g = Image.radial_gradient("L").resize((int(W * rng.uniform(0.6, 1.6)), int(H * rng.uniform(0.6, 1.6))))
    g = g.point(lambda v: int(255 - v))
    mask = Image.new("L", (W, H), 0)
    mask.paste(g, (int(rng.uniform(-0.5, 0.8) * W), int(rng.uniform(-0.5, 0.8) * H)))
    mask = mask.point(lambda v: int(v * strength))
    col = rng.choice([(255, 255, 255), (255, 250, 230), (230, 240, 255)])
    return Image.composite(Image.new("RGB", (W, H), col), img, mask)


def add_reflection_band(img, rng, strength):
    W, H = img.size
    band = Image.linear_gradient("L").resize((W, H))
    band = band.point(lambda v: int(max(0, 255 - abs(v - 128) * rng.uniform(3, 6)) * strength))
    band = band.rotate(rng.uniform(-60, 60), fillcolor=0).filter(ImageFilter.GaussianBlur(20))
    return Image.composite(Image.new("RGB", (W, H), (255, 255, 255)), img, band)


def vignette(img, rng, strength):
    W, H = img.size
    g = Image.radial_gradient("L").resize((W, H)).point(lambda v: int(min(255, v * strength)))
    return Image.composite(Image.new("RGB", (W, H), (0, 0, 0)), img, g)


def color_cast(img, rng):
    r, g, b = [rng.uniform(0.88, 1.08) for _ in range(3)]
    ch = img.split()
    return Image.merge("RGB", [c.point(lambda v, f=f: int(min(255, v * f))) for c, f in zip(ch, (r, g, b))])


def photo_finish(img, rng, blur=(0, 1.6), noise=(2, 14)):
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(*blur)))
    if rng.random() < 0.7:
        img = add_glare(img, rng, rng.uniform(0.1, 0.45))
    if rng.random() < 0.5:
        img = vignette(img, rng, rng.uniform(0.2, 0.6))
    if rng.random() < 0.6:
        img = color_cast(img, rng)
    img = add_noise(img, rng, rng.uniform(*noise))
    return img


# ----------------------------------------------------------------------------------------------------------------
# segment instruments

SEG_STYLES = {
    # name: display bg, lit, ghost strength, glow, body colours
    "lcd_green": dict(bg=(150, 170, 110), lit=(25, 35, 25), ghost=0.10, glow=0),
    "lcd_grey": dict(bg=(170, 174, 165), lit=(20, 20, 22), ghost=0.09, glow=0),
    "lcd_blue": dict(bg=(40, 80, 200), lit=(240, 248, 255), ghost=0.12, glow=0),
    "lcd_neg": dict(bg=(15, 15, 18), lit=(255, 150, 40), ghost=0.08, glow=0.4),
    "led_red": dict(bg=(22, 6, 6), lit=(255, 45, 35), ghost=0.10, glow=0.8),
    "led_green": dict(bg=(6, 18, 8), lit=(60, 240, 90), ghost=0.10, glow=0.7),
    "led_amber": dict(bg=(20, 14, 4), lit=(255, 175, 30), ghost=0.10, glow=0.7),
    "vfd_cyan": dict(bg=(6, 20, 22), lit=(90, 245, 225), ghost=0.13, glow=0.9),
    "lcd_yellowgreen": dict(bg=(180, 200, 60), lit=(30, 40, 10), ghost=0.10, glow=0),
}
SEG_FONTS = ["DSEG7Classic-Bold", "DSEG7Classic-Regular", "DSEG7Modern-Bold", "DSEG7Modern-Regular",
             "DSEG7Classic-BoldItalic", "DSEG7Classic-Italic", "DSEG7Modern-BoldItalic", "DSEG7ClassicMini-Bold",
             "DSEG7Classic-Light"]
SEG_LABELS = [("DIFF. PRESS", "Pa"), ("PV", None), ("LEVEL", "%"), ("TEMP", "°C"), ("FLOW", "m³/h"),
              ("PRESSURE", "bar"), ("SPEED", "rpm"), ("LOAD", "%"), ("CURRENT", "A"), ("VOLTAGE", "V"),
              ("POWER", "kW"), ("FREQ", "Hz"), ("HUMIDITY", "%RH"), ("pH", ""), ("COND.", "µS/cm"),
              ("TURBIDITY", "NTU"), ("O2", "ppm"), ("VACUUM", "mbar"), ("OIL TEMP", "°C"), ("TANK 2", "%"),
              ("LINE SPEED", "m/min"), ("COUNTS", "/m³"), ("DRUCK", "bar"), ("DREHZAHL", "U/min"), ("TEMP", "°F"),
              ("FLOW", "l/min"), ("FEED", "t/h"), ("STEAM", "kg/h"), ("CYCLE", "s"), ("POSITION", "mm"),
              ("VIBR.", "mm/s"), ("TIMER", "min"), ("HOURS", "h"), ("PRESS", "psi"), ("PRESS", "kPa"),
              ("FORCE", "kN"), ("PRESS", "MPa")]


def seg_value(rng, unit, ndig):
    """Random number for a seven-segment display of ndig digit cells; returns (shown, value)."""
    spec = [v for v in VOCAB if v["unit"] == unit] if unit is not None else []
    if spec:
        sp = rng.choice(spec)
        lo, hi = sp["lo"], sp["hi"]
    else:
        lo, hi = 0, 10 ** rng.randint(1, 3)
    for _ in range(50):
        v = rng.uniform(lo, hi)
        d = rng.choice([0, 1, 1, 2, 2, 3])
        s = f"{v:.{d}f}"
        if s.startswith("-") and float(s) == 0:
            s = s[1:]
        cells = len(s.replace(".", ""))
        if cells <= ndig:
            return s, (float(s) if d else int(s))
    s = str(int(min(hi, 10 ** ndig - 1)))
    return s, int(s)


def draw_seg_number(layer, ghost_layer, x, y, fnt, shown, ndig, dots_ghost=True):
    """Right-aligned number in ndig cells at (x, y) top-left.  Returns digits bbox (lit glyphs)."""
    cells = len(shown.replace(".", ""))
    pad = "!" * (ndig - cells)
    ghost = "8." * ndig if dots_ghost else "8" * ndig
    ImageDraw.Draw(ghost_layer).text((x, y), ghost, font=fnt, fill=255)
    ImageDraw.Draw(layer).text((x, y), pad + shown, font=fnt, fill=255)
    off = fnt.getlength(pad)
    b = fnt.getbbox(shown)
    return [x + off + b[0], y + b[1], x + off + b[2], y + b[3]]


def render_segment_device(rng):
    """Returns RGBA device image, list of (entry-without-box, digits box in device coords)."""
    style_name = rng.choice(list(SEG_STYLES))
    st = SEG_STYLES[style_name]
    kind = rng.choices(["panel", "pid", "handheld", "dual", "drive"], [4, 3, 2, 2, 1])[0]
    segf = DSEG + rng.choice(SEG_FONTS) + ".ttf"
    body = rng.choice([(30, 32, 36), (50, 52, 58), (200, 205, 200), (70, 72, 80), (225, 230, 220), (35, 38, 34),
                       (160, 40, 30) if kind == "handheld" else (60, 60, 66), (230, 200, 40) if kind == "handheld"
                       else (40, 40, 44)])
    light_body = sum(body) > 400
    print_col = (40, 40, 40) if light_body else (225, 225, 225)
    lab_font = rng.choice([SANS_B, COND_B, SANS_B, MONO_B])
    rows = []  # (label, unit, ndig, digit height)
    if kind == "panel":
        lab, unit = rng.choice(SEG_LABELS)
        if unit is None:
            unit = rng.choice(["°C", "%", "bar"])
        if rng.random() < 0.3:
            lab = ""
        rows.append((lab, unit, rng.randint(3, 5), rng.randint(70, 130)))
    elif kind == "pid":
        unit = rng.choice(["°C", "°C", "°F", "%", "bar", ""])
        n1, n2 = rng.choice([("PV", "SV"), ("PV", "SP"), ("PV", "SV"), ("IST", "SOLL")])
        nd = rng.choice([4, 4, 5])
        rows.append((n1, unit, nd, rng.randint(80, 120)))
        rows.append((n2, unit, nd, rng.randint(50, 75)))
    elif kind == "handheld":
        unit = rng.choice(["V", "A", "°C", "Hz", "%RH", "°F", "kPa", "ppm", "rpm", "psi"])
        rows.append(("", unit, rng.choice([4, 4, 5]), rng.randint(80, 120)))
    elif kind == "dual":
        pairs = rng.choice([[("TEMP", "°C"), ("RH", "%RH")], [("TEMP", "°C"), ("HUMIDITY", "%RH")],
                            [("FLOW", "m³/h"), ("TEMP", "°C")], [("L1", "V"), ("L2", "V"), ("L3", "V")],
                            [("VOLT", "V"), ("AMP", "A"), ("kW", "kW")], [("IN", "°C"), ("OUT", "°C")],
                            [("P1", "bar"), ("P2", "bar")], [("LEVEL", "%"), ("TEMP", "°C")]])
        for lab, u in pairs:
            rows.append((lab, u, 4, rng.randint(55, 85)))
    else:  # drive keypad, unit by lit LED
        rows.append(("", rng.choice(["Hz", "A", "rpm", "V"]), 5, rng.randint(70, 110)))
    # measure
    pad = 30
    lay = []
    maxw = 0
    y = pad
    fonts = []
    for lab, unit, nd, dh in rows:
        f = font(segf, dh)
        dw = f.getlength("8" * nd)
        lab_on_lcd = bool(lab) and kind == "panel" and rng.random() < 0.4 and \
            all(c.isdigit() or c.isupper() or c in " .-" for c in lab)
        lf = font(DSEG + "DSEG14Classic-Regular.ttf" if lab_on_lcd else lab_font,
                  dh * (0.22 if lab_on_lcd else 0.3) if kind != "pid" else dh * 0.3)
        uf = font(rng.choice([SANS_B, SANS]), dh * rng.uniform(0.28, 0.42))
        side_label = kind in ("pid", "dual")
        lw = (tw(lf, lab) + 20) if side_label and lab else 0
        uw = tw(uf, unit) + 20 if unit else 0
        top_lab_h = (lf.size * 1.4) if (lab and not side_label) else (26 if kind == "handheld" else 0)
        fonts.append((f, lf, uf, side_label, lab_on_lcd))
        lay.append(dict(y=y, dw=dw, lw=lw, uw=uw, top=top_lab_h, dh=dh))
        maxw = max(maxw, lw + dw + uw)
        y += top_lab_h + dh + 40
    win_w = maxw + 40
    win_h = y - pad - 40 + 40
    extra_bottom = 0
    if kind == "pid":
        extra_bottom = 90
    elif kind == "handheld":
        extra_bottom = int(win_w * 0.6)
    elif kind == "drive":
        extra_bottom = 70
    dev_w = int(win_w + 2 * pad + (90 if kind == "drive" else 0))
    dev_h = int(win_h + 2 * pad + extra_bottom + (30 if rng.random() < 0.5 else 0))
    dev = Image.new("RGBA", (dev_w, dev_h), (0, 0, 0, 0))
    dd = ImageDraw.Draw(dev)
    rad = 40 if kind == "handheld" else rng.choice([4, 10, 20])
    dd.rounded_rectangle([0, 0, dev_w - 1, dev_h - 1], radius=rad, fill=body + (255,),
                         outline=mix(body, (0, 0, 0), 0.4) + (255,), width=3)
    wx0, wy0 = pad, pad
    # display window
    disp = Image.new("RGB", (int(win_w), int(win_h)), st["bg"])
    lit = Image.new("L", disp.size, 0)
    ghost = Image.new("L", disp.size, 0)
    dl = ImageDraw.Draw(disp)
    entries = []
    side_names = []
    for (lab, unit, nd, dh), L, (f, lf, uf, side_label, lab_on_lcd) in zip(rows, lay, fonts):
        yy = L["y"] - pad + 20
        if lab and not side_label:
            if lab_on_lcd:
                ImageDraw.Draw(lit).text((20, yy), lab, font=lf, fill=255)
            else:
                dl.text((20, yy), lab, font=lf, fill=mix(st["lit"], st["bg"], 0.15))
            yy += L["top"]
        elif kind == "handheld":
            yy += L["top"]  # room for the annunciators
        xx = 20 + L["lw"]
        if side_label and lab:
            dl.text((20, yy + L["dh"] / 2), lab, font=lf, fill=mix(st["lit"], st["bg"], 0.1), anchor="lm")
        shown, value = seg_value(rng, unit if unit else None, nd)
        if unit == "" and lab in ("pH",):
            shown, value = seg_value(rng, "", nd)
        if kind == "pid" and entries:  # set value near the process value, same decimals
            pv = entries[0][0]
            dec = len(pv["shown"].split(".")[1]) if "." in pv["shown"] else 0
            sv = round(pv["value"] + rng.choice([0, 0, 1, -1]) * abs(pv["value"]) * rng.uniform(0, 0.08), dec)
            if rng.random() < 0.5:
                sv = round(sv / 5) * 5 if abs(sv) >= 20 else sv
            shown = f"{sv:.{dec}f}"
            if shown.startswith("-") and float(shown) == 0:
                shown = shown[1:]
            if len(shown.replace(".", "")) > nd:
                shown = pv["shown"]
            value = float(shown) if dec else int(float(shown))
        box = draw_seg_number(lit, ghost, xx, yy, f, shown, nd, dots_ghost=rng.random() < 0.7)
        if unit and kind != "drive":
            uy = yy + L["dh"] * rng.choice([0.5, 0.85])
            dl.text((xx + L["dw"] + 14, uy), unit, font=uf, fill=mix(st["lit"], st["bg"], 0.1), anchor="lm")
        entries.append((dict(name=lab, value=value, unit=unit, shown=shown),
                        [box[0] + wx0, box[1] + wy0, box[2] + wx0, box[3] + wy0]))
    if kind == "handheld":
        af = font(SANS_B, 14)
        x = 20
        for a in rng.sample(["HOLD", "AUTO", "MAX", "MIN", "REL", "RANGE", "AC", "DC", "⚡"], 4):
            on = rng.random() < 0.3 and a not in ("MAX", "MIN")
            dl.text((x, 8), a, font=af, fill=mix(st["lit"], st["bg"], 0.1 if on else 0.88))
            x += tw(af, a) + 16
    # compose display: ghost, lit, glow
    gcol = Image.new("RGB", disp.size, st["lit"])
    disp = Image.composite(gcol, disp, ghost.point(lambda v: int(v * st["ghost"])))
    if st["glow"]:
        glow = lit.filter(ImageFilter.GaussianBlur(6)).point(lambda v: int(v * st["glow"] * 0.6))
        disp = Image.composite(gcol, disp, glow)
    disp = Image.composite(gcol, disp, lit)
    dev.paste(disp, (wx0, wy0))
    dd.rectangle([wx0 - 2, wy0 - 2, wx0 + disp.size[0] + 1, wy0 + disp.size[1] + 1],
                 outline=mix(body, (0, 0, 0), 0.5) + (255,), width=3)
    # body printing
    pf = font(SANS_B, 15)
    by = wy0 + win_h + 18
    if kind == "pid":
        x = wx0 + 10
        for a in ["OUT1", "OUT2", "AT", "AL1", "AL2", "MAN"][:rng.randint(3, 6)]:
            on = a == "OUT1" and rng.random() < 0.6
            dd.ellipse([x, by + 3, x + 9, by + 12], fill=(60, 230, 90) if on else mix(body, (128, 128, 128), 0.3))
            dd.text((x + 13, by), a, font=pf, fill=print_col)
            x += tw(pf, a) + 34
        x = wx0 + 10
        for b in ["SET", "◄", "▼", "▲"]:
            dd.rounded_rectangle([x, by + 32, x + 52, by + 62], radius=5, fill=mix(body, (128, 128, 128), 0.2))
            dd.text((x + 26, by + 47), b, font=pf, fill=print_col, anchor="mm")
            x += 66
    elif kind == "drive":
        units = ["Hz", "A", "V", "rpm"]
        active = rows[0][1]
        x = wx0 + win_w + 20
        for k, u in enumerate(units):
            yy = wy0 + 10 + k * 28
            dd.ellipse([x, yy + 4, x + 10, yy + 14], fill=(255, 60, 40) if u == active else mix(body, (90, 90, 90), .5))
            dd.text((x + 16, yy), u, font=pf, fill=print_col)
        x = wx0 + 10
        for b in ["RUN", "STOP", "FWD/REV", "PRG"]:
            dd.rounded_rectangle([x, by + 4, x + 74, by + 40], radius=6, fill=mix(body, (128, 128, 128), 0.25))
            dd.text((x + 37, by + 22), b, font=pf, fill=print_col, anchor="mm")
            x += 86
    elif kind == "handheld":
        cx, cy = dev_w / 2, by + extra_bottom * 0.45
        rr = extra_bottom * 0.33
        dd.ellipse([cx - rr, cy - rr, cx + rr, cy + rr], fill=mix(body, (0, 0, 0), 0.5))
        for k, u in enumerate(["V~", "V", "mV", "Ω", "A", "mA", "°C", "Hz"]):
            ang = math.radians(200 + k * 20)
            dd.text((cx + math.cos(ang) * rr * 1.3, cy + math.sin(ang) * rr * 1.3), u, font=pf, fill=print_col,
                    anchor="mm")
    if rng.random() < 0.5:
        model = rng.choice(["PID-48", "DPM-3", "IND-7", "TC-96", "LX-200", "PM-5560", "DX-9", "CTRL-4", "M-830"])
        dd.text((wx0, dev_h - 22), model, font=font(SANS_B, 13), fill=mix(print_col, body, 0.4))
    return dev, entries, kind, style_name


def render_segment(rng):
    dev, entries, kind, style = render_segment_device(rng)
    W, H = rng.choice([(640, 480), (800, 600), (720, 540), (900, 650), (1024, 768), (640, 640), (800, 500),
                       (1280, 800)])
    bg = scene_background(rng, W, H).convert("RGBA")
    quad = random_quad(rng, dev.size[0], dev.size[1], W, H, rng.uniform(0.55, 0.9), 8, rng.uniform(0.0, 0.06))
    # soft shadow
    if rng.random() < 0.7:
        sh = Image.new("RGBA", dev.size, (0, 0, 0, 0))
        sh.putalpha(dev.getchannel("A").point(lambda v: v * 110 // 255))
        off = rng.uniform(4, 14)
        sq = [(x + off, y + off) for x, y in quad]
        tmp = Image.new("RGBA", (W, H), (0, 0, 0, 0))
        warp_into(tmp, sh, sq)
        bg.alpha_composite(tmp.filter(ImageFilter.GaussianBlur(8)))
    Hf = warp_into(bg, dev, quad)
    img = bg.convert("RGB")
    img = photo_finish(img, rng, blur=(0, 1.8), noise=(3, 16))
    values = []
    for e, box in entries:
        e = dict(e)
        e["digits_box"] = box_through(Hf, box, W, H)
        values.append(e)
    return img, values, [], f"{kind}/{style}"


# ----------------------------------------------------------------------------------------------------------------
# photo of an HMI

def scanlines(img, rng):
    W, H = img.size
    p = rng.choice([2, 3, 3, 4])
    m = Image.new("L", (W, H), 0)
    d = ImageDraw.Draw(m)
    a = rng.randint(25, 70)
    vertical = rng.random() < 0.4
    for k in range(0, H if not vertical else W, p):
        if vertical:
            d.line([k, 0, k, H], fill=a)
        else:
            d.line([0, k, W, k], fill=a)
    return Image.composite(Image.new("RGB", (W, H), (0, 0, 0)), img, m)


def render_photo(rng):
    W, H = rng.choice([(800, 600), (1024, 768), (1037, 709), (1280, 800), (960, 720), (1280, 720), (900, 675)])
    screen_size = rng.choice([s for s in [(800, 480), (800, 600), (1024, 600), (1024, 768), (640, 480), (1280, 800),
                                          (854, 480), (960, 540)] if s[0] <= W * 1.05 and s[1] <= H * 1.05])
    screen, values, warnings, lname = render_hmi(rng, screen_size)
    screen = scanlines(screen, rng) if rng.random() < 0.8 else screen
    sw, sh = screen.size
    bez = int(sw * rng.uniform(0.03, 0.08))
    dev = Image.new("RGBA", (sw + 2 * bez, sh + 2 * bez + (bez if rng.random() < 0.4 else 0)), (0, 0, 0, 0))
    dd = ImageDraw.Draw(dev)
    bcol = rng.choice([(200, 208, 200), (40, 42, 46), (20, 20, 22), (170, 175, 180), (90, 95, 100), (225, 225, 215)])
    dd.rounded_rectangle([0, 0, dev.size[0] - 1, dev.size[1] - 1], radius=bez * 0.6, fill=bcol + (255,),
                         outline=mix(bcol, (0, 0, 0), 0.4) + (255,), width=2)
    dev.paste(screen, (bez, bez))
    if rng.random() < 0.5:
        dd.text((bez, sh + bez + bez * 0.3), rng.choice(["HMI-700", "TP1200", "OP 15", "PanelView", "KTP900"]),
                font=font(SANS_B, max(9, bez * 0.35)), fill=mix(bcol, (128, 128, 128), 0.6) + (255,))
    bg = scene_background(rng, W, H).convert("RGBA")
    quad = random_quad(rng, dev.size[0], dev.size[1], W, H, rng.uniform(0.8, 0.97), 7, rng.uniform(0.0, 0.05))
    warp_into(bg, dev, quad, resample=rng.choice([Image.BILINEAR, Image.BICUBIC, Image.NEAREST]))
    img = bg.convert("RGB")
    if rng.random() < 0.7:
        img = add_reflection_band(img, rng, rng.uniform(0.1, 0.35))
    img = photo_finish(img, rng, blur=(0, 1.2), noise=(2, 12))
    return img, values, warnings, "photo/" + lname


# ----------------------------------------------------------------------------------------------------------------
# status screens

SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW"]


def stamp(rng, fmt, base_min):
    t = base_min
    d, h, m = 10 + t // 1440, (t // 60) % 24, t % 60
    s = rng.randint(0, 59)
    if fmt == 0:
        return f"2024-08-{d:02d} {h:02d}:{m:02d}:{s:02d}"
    if fmt == 1:
        return f"{d:02d}.10.2024 {h:02d}:{m:02d}:{s:02d}.{rng.randint(0, 999):03d}"
    if fmt == 2:
        return f"{h:02d}:{m:02d}:{s:02d}"
    return f"03/{d:02d}/2025 {h:02d}:{m:02d}"


def code(rng):
    return rng.choice(["A", "W", "E", "AL-", "F"]) + str(rng.randint(1000, 9999))


def summary_values(rng, n):
    return pick_readings(rng, n)


def render_status(rng):
    W, H = rng.choice([(1024, 600), (1280, 720), (1024, 768), (800, 600), (1280, 800), (960, 600)])
    style = rng.choices(["sections", "terminal", "combined", "faults"], [3, 2, 3, 2])[0]
    th = make_theme(rng, dark=None if style != "terminal" else True)
    img = Image.new("RGB", (W, H), th["bg"])
    d = ImageDraw.Draw(img)
    msgs = rng.sample(WARNINGS, 30)
    evs = rng.sample(EVENTS, 6)
    warnings, values = [], []
    if style == "terminal":
        fg = rng.choice([(255, 176, 0), (60, 255, 90), (200, 200, 200), (120, 220, 255)])
        img.paste((rng.randint(0, 10),) * 3, [0, 0, W, H])
        fnt = font(rng.choice([MONO, MONO_B]), rng.randint(12, 17))
        cw = tw(fnt, "M")
        lh = fnt.size * 1.3
        y = 14
        title = rng.choice(["=== ALARM LOG  node PLC-1  ===   (newest first)", "ALARM JOURNAL – STATION 3",
                            "*** EVENT / ALARM LIST ***", "alarmlog --tail 20 --node RTU-07"])
        d.text((14, y), title, font=fnt, fill=fg)
        y += lh
        d.text((14, y), "-" * min(90, int((W - 40) / cw)), font=fnt, fill=fg)
        y += lh
        nrows = min(int((H - y - 4 * lh) / lh), rng.randint(8, 18))
        nact = rng.randint(0, 4)
        act_word = rng.choice(["ACTIVE", "ACTIVE", "ACT/UNACK", "ACT"])
        states = [act_word if rng.random() < 0.7 else "ACT/ACK" if act_word != "ACTIVE" else "ACTIVE"] * nact + \
            [rng.choice(["CLEARED", "CLEARED", "RTN", "EVENT", "ACK-CLR", "RTN/ACK"]) for _ in range(nrows - nact)]
        rng.shuffle(states)
        t = 3000
        fmt = rng.choice([0, 1])
        maxmsg = int((W - 28) / cw) - 50
        for st_ in states:
            t -= rng.randint(3, 60)
            if st_ == "EVENT":
                m = evs.pop() if evs else "Operator login"
                c, sev = "EV", "INFO"
            else:
                m = msgs.pop()
                c, sev = code(rng), rng.choice(SEVERITIES)
            if len(m) > maxmsg:
                m = msgs.pop() if st_ != "EVENT" else "Operator login"
                if len(m) > maxmsg:
                    continue
            line = f"{stamp(rng, fmt, t):<24} {c:<7} {sev:<8} {st_:<9} {m}"
            d.text((14, y), line, font=fnt, fill=fg)
            if st_.startswith("ACT"):
                warnings.append(m)
            y += lh
        d.text((14, y), "-" * min(90, int((W - 40) / cw)), font=fnt, fill=fg)
        y += lh
        if rng.random() < 0.7:
            rs = summary_values(rng, rng.randint(1, 3))
            parts = []
            for r in rs:
                parts.append(f"{r['name']}: {r['shown']}" + (f" {r['unit']}" if r["unit"] else ""))
            line = "   ".join(parts)
            if tw(fnt, line) < W - 30:
                d.text((14, y), line, font=fnt, fill=fg)
                values = [entry(r) for r in rs]
                y += lh
        d.text((14, y), "> _", font=fnt, fill=fg)
        return img, values, warnings, style
    # common header
    hh = int(clamp(H * 0.055, 24, 44))
    d.rectangle([0, 0, W, hh], fill=th["header"])
    title = rng.choice(["Messages", "Diagnostics", "Drive Status", "Meldungen"] if style == "faults" else
                       ["Alarms & Events", "Alarm Summary", "Alarm List", "Alarmübersicht", "Liste des alarmes",
                        "Alarm Journal"])
    prefix = rng.choice(["", "Line 4 – ", "Boiler 1 – ", "AHU-03 – ", "Station 2 – "])
    d.text((12, hh / 2), prefix + title, font=font(th["bold"], hh * 0.5), fill=th["header_text"], anchor="lm")
    d.text((W - 12, hh / 2), rand_date(rng), font=font(th["font"], hh * 0.36), fill=th["header_text"], anchor="rm")
    y = hh
    fs = clamp(H / 50, 11, 17)
    f = font(th["font"], fs)
    fb = font(th["bold"], fs)
    if rng.random() < 0.55:
        sh = fs * 2.2
        d.rectangle([0, y, W, y + sh], fill=mix(th["bg"], th["text"], 0.08))
        rs = summary_values(rng, rng.randint(1, 4))
        x = 12
        for r in rs:
            parts = [(r["name"] + " ", f, th["dim"]), (r["shown"], fb, th["text"]),
                     ((" " + r["unit"]) if r["unit"] else "", f, th["dim"])]
            wsum = sum(tw(ff, s) for s, ff, _ in parts)
            if x + wsum > W - 12:
                break
            for s, ff, col in parts:
                d.text((x, y + sh / 2), s, font=ff, fill=col, anchor="lm")
                x += tw(ff, s)
            x += fs * 2
            values.append(entry(r))
        y += sh
    rowh = fs * rng.uniform(1.6, 2.1)
    red = (200, 0, 0) if not th["dark"] else (255, 80, 80)

    def table(y, cols, rows, colors=None, bold_col=None):
        """cols: [(header, weight)], rows: [[cells]].  Returns new y."""
        tot = sum(c[1] for c in cols)
        xs = [8]
        for c in cols:
            xs.append(xs[-1] + (W - 16) * c[1] / tot)
        hf = font(th["bold"], fs * 0.8)
        for i, c in enumerate(cols):
            d.text((xs[i] + 6, y + rowh / 2), c[0], font=hf, fill=th["dim"], anchor="lm")
        y += rowh
        d.line([8, y, W - 8, y], fill=th["border"], width=2)
        drawn = 0
        for k, row in enumerate(rows):
            if y + rowh > H - 8:
                break
            drawn += 1
            rc = colors[k] if colors else None
            if rc and rc[1]:
                d.rectangle([8, y + 1, W - 8, y + rowh - 1], fill=rc[1])
            for i, cell in enumerate(row):
                ff = fb if bold_col == i and rc and rc[2] else f
                if tw(ff, cell) > xs[i + 1] - xs[i] - 10:
                    ff = fit(ff.path, cell, xs[i + 1] - xs[i] - 10, ff.size, ff.size)
                col = rc[0] if rc and rc[0] else th["text"]
                d.text((xs[i] + 6, y + rowh / 2), cell, font=ff, fill=col, anchor="lm")
            y += rowh
            d.line([8, y, W - 8, y], fill=mix(th["border"], th["bg"], 0.4), width=1)
        return y, drawn

    def fits(txt, wfrac):
        return tw(fb, txt) < (W - 16) * wfrac - 12

    if style == "sections":
        nact = rng.randint(0, 4)
        act = [m for m in msgs[:nact]]
        msgs = msgs[nact:]
        act = [m for m in act if fits(m, 0.36)]
        hdr = rng.choice(["ACTIVE ALARMS", "Active Alarms", "AKTIVE ALARME", "CURRENT ALARMS"])
        d.text((12, y + rowh * 0.6), f"{hdr} ({len(act)})", font=font(th["bold"], fs * 1.05), fill=red, anchor="lm")
        y += rowh * 1.1
        cols = [("SEVERITY", 1.1), ("TIME", 1.6), ("CODE", 0.8), ("MESSAGE", 3.0), ("ACK STATE", 1.3)]
        rows, colors = [], []
        t = 3000
        for m in act:
            t -= rng.randint(5, 90)
            rows.append([rng.choice(SEVERITIES), stamp(rng, 0, t), code(rng), m,
                         rng.choice(["Unacknowledged", "Acknowledged", "UNACK", "ACK"])])
            colors.append((None, None, True))
        if rows:
            y, ndrawn = table(y, cols, rows, colors, bold_col=3)
            warnings += act[:ndrawn]
        else:
            d.text((20, y + rowh / 2), rng.choice(["No active alarms", "None", "Keine aktiven Alarme"]), font=f,
                   fill=th["dim"], anchor="lm")
            y += rowh
        y += rowh * 0.4
        d.text((12, y + rowh * 0.5), rng.choice(["EVENT HISTORY", "History", "Alarm History", "Ereignisse"]),
               font=font(th["bold"], fs * 1.05), fill=th["dim"], anchor="lm")
        y += rowh
        rows = []
        for _ in range(rng.randint(4, 10)):
            t -= rng.randint(5, 60)
            typ = rng.choice(["Cleared", "Cleared", "Event", "RTN", "Returned to normal", "Operator"])
            m = evs.pop() if typ in ("Event", "Operator") and evs else msgs.pop()
            if not fits(m, 0.4):
                continue
            if typ in ("Event", "Operator") and m in WARNINGS:
                typ = "Cleared"
            rows.append([stamp(rng, 0, t), "EV" if typ in ("Event", "Operator") else code(rng), m, typ])
        table(y, [("TIME", 1.6), ("CODE", 0.8), ("MESSAGE", 3.0), ("TYPE", 1.3)], rows)
    elif style == "combined":
        rows, colors = [], []
        t = 3000
        n = rng.randint(6, 14)
        acts = 0
        states_act = ["ACT/UNACK", "ACT/ACK", "Active", "Unacknowledged", "ACTIVE"]
        states_not = ["RTN/UNACK", "RTN/ACK", "CLEARED", "Cleared", "EVENT", "OPERATOR", "Returned to normal", "RTN"]
        act_style = rng.randint(0, len(states_act) - 1)
        tfmt = rng.choice([0, 3])
        n_act_want = rng.randint(0, 4)
        cand = []
        for k in range(n):
            cand.append(k < n_act_want)
        rng.shuffle(cand)
        if rng.random() < 0.5:
            cand.sort(key=lambda a: not a)
        for is_act in cand:
            t -= rng.randint(3, 80)
            if is_act:
                stt = states_act[act_style] if rng.random() < 0.7 else rng.choice(states_act[:2])
                m = msgs.pop()
            else:
                stt = rng.choice(states_not)
                m = evs.pop() if stt in ("EVENT", "OPERATOR") and evs else msgs.pop()
                if stt in ("EVENT", "OPERATOR") and m in WARNINGS:
                    stt = "CLEARED"
            if not fits(m, 0.38):
                continue
            rows.append([stamp(rng, tfmt, t), code(rng), rng.choice(SEVERITIES), m, stt])
            if is_act:
                unack = "UNACK" in stt or stt == "Unacknowledged"
                colors.append(((255, 255, 255), (190, 30, 30), True) if unack and rng.random() < 0.4
                              else (red, None, True))
            else:
                colors.append((th["dim"], None, False))
        nact = sum(1 for r in rows if r[4] in states_act)
        cf = font(th["font"], fs)
        counters = rng.choice([f"Active: {nact}   Unack: {sum(1 for r in rows if 'UNACK' in r[4])}   Total: {len(rows)}",
                               f"Alarms ({nact})   |   History   |   Events", f"{nact} active / {len(rows)} shown",
                               f"Filter: all   Page 1/{rng.randint(1, 5)}"])
        d.text((12, y + rowh * 0.6), counters, font=cf, fill=th["text"], anchor="lm")
        y += rowh * 1.2
        y, ndrawn = table(y, [("TIME", 1.7), ("CODE", 0.8), ("PRIO", 0.9), ("MESSAGE", 3.0), ("STATE", 1.4)],
                          rows, colors, bold_col=3)
        for r in rows[:ndrawn]:
            if r[4] in states_act:
                warnings.append(r[3])
    else:  # faults / messages list: FAULT and WARNING rows are active
        hdr = rng.choice(["Current messages", "Active faults and warnings", "Diagnose – aktuelle Meldungen",
                          "Drive messages"])
        d.text((12, y + rowh * 0.6), hdr, font=font(th["bold"], fs * 1.05), fill=th["text"], anchor="lm")
        y += rowh * 1.2
        rows, colors = [], []
        t = 3000
        for k in range(rng.randint(3, 9)):
            typ = rng.choices(["FAULT", "WARNING", "INFO", "STATUS"], [2, 3, 2, 1])[0]
            t -= rng.randint(1, 40)
            m = msgs.pop() if typ in ("FAULT", "WARNING") or not evs else evs.pop()
            if not fits(m, 0.45):
                continue
            rows.append([str(k + 1), typ, rng.choice(["F", "A", "W", "I"]) + f"{rng.randint(1, 9999):04d}", m,
                         stamp(rng, 2, t)])
            colors.append(((230, 40, 40) if typ == "FAULT" else (220, 150, 0) if typ == "WARNING" else th["dim"],
                           None, typ in ("FAULT", "WARNING")))
        y, ndrawn = table(y, [("No.", 0.5), ("Type", 1.1), ("Code", 0.9), ("Text", 3.6), ("Time", 1.2)], rows,
                          colors, bold_col=3)
        for r in rows[:ndrawn]:
            if r[1] in ("FAULT", "WARNING"):
                warnings.append(r[3])
    return img, values, warnings, style


# ----------------------------------------------------------------------------------------------------------------

def render_one(args):
    kind, idx, seed, out_dir = args
    rng = random.Random(zlib.crc32(f"{seed}/{kind}/{idx}".encode()))
    if kind == "hmi":
        img, values, warnings, sub = render_hmi(rng)
        ext, q = ("png", None) if rng.random() < 0.85 else ("jpg", rng.randint(75, 95))
    elif kind == "segment":
        img, values, warnings, sub = render_segment(rng)
        ext, q = "jpg", rng.randint(50, 90)
    elif kind == "photo":
        img, values, warnings, sub = render_photo(rng)
        ext, q = "jpg", rng.randint(50, 90)
    else:
        img, values, warnings, sub = render_status(rng)
        ext, q = ("png", None) if rng.random() < 0.85 else ("jpg", rng.randint(75, 95))
    base = f"{kind}_{idx:03d}"
    name = f"{base}.{ext}"
    path = os.path.join(out_dir, name)
    if ext == "jpg":
        img.save(path, quality=q)
    else:
        img.save(path, optimize=False)
    truth = dict(values=values, warnings=warnings, kind=kind, image=name, layout=sub)
    with open(os.path.join(out_dir, base + ".json"), "w", encoding="utf-8") as fh:
        json.dump(truth, fh, ensure_ascii=False, indent=1)
    return dict(image=name, truth=base + ".json", kind=kind, n_values=len(values), n_warnings=len(warnings),
                layout=sub)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--count", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    ap.add_argument("--kinds", default="hmi,segment,photo,status")
    a = ap.parse_args()
    kinds = [k for k in a.kinds.split(",") if k]
    os.makedirs(a.out_dir, exist_ok=True)
    per = {k: a.count // len(kinds) + (1 if i < a.count % len(kinds) else 0) for i, k in enumerate(kinds)}
    jobs = [(k, i + 1, a.seed, a.out_dir) for k in kinds for i in range(per[k])]
    t0 = time.time()
    if a.jobs > 1:
        import multiprocessing
        with multiprocessing.Pool(a.jobs) as pool:
            items = pool.map(render_one, jobs, chunksize=4)
    else:
        items = [render_one(j) for j in jobs]
    index = dict(name="airgap display-reader devset (render_devset.py)", version=1, seed=a.seed, count=len(items),
                 images=items)
    with open(os.path.join(a.out_dir, "index.json"), "w", encoding="utf-8") as fh:
        json.dump(index, fh, ensure_ascii=False, indent=1)
    print(f"rendered {len(items)} images into {a.out_dir} in {time.time() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
