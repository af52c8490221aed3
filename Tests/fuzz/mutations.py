"""How `fuzz.py` damages an input: values replaced by special numbers, units and types; numbers
scaled 0.01-100x; bytes flipped, deleted, duplicated; truncation; CRLF, BOM and control characters
(text), and bits flipped, byte runs overwritten and truncation (binary). Seeded by the caller's
random.Random, so a seed reproduces its input."""
import re

SPECIAL_NUMBERS = ["0", "-1", "1e30", "-1e30", "1e-300", "1e308", "nan", ".nan", "inf", ".inf", "-.inf",
                   "1e400", "99999999999999999999", "0.0000001", "-0", "2.5", "1e20"]
SPECIAL_UNITS = ["0 kW", "1e30 kW", "-5 kW", "1e-300 s", "0 s", "100 ms", "1e9 h", "nan degC", "-300 degC",
                 "1e30 degC", "24 Celsius", "2 hours", "1e30 m3/s", "0 m3/s", "0 %", "1000 %", "-1 %",
                 "1e30 CFM", "1 ms", "0.2 s", "1e30 kVA", "1e-12 W"]
SPECIAL_OTHER = ["", "~", "null", "[]", "{}", "[1, 2]", "{a: 1}", "'x'", "\"\\u0000\"", "yes", "*anchor",
                 "nan-01-15T08:00:00+08:00", "2026-01-15T08:00:00+99:00", "2026-02-30T00:00:00Z",
                 "'23--1'", "x" * 300, "../../../../dev/zero", "/dev/full", "/tmp", "\u00e9\u4e2d"]
CONTROL = ["\x01", "\x07", "\x1b", "\x7f", "\r", "\r\n", "\ufeff", "\t"]


class Mutator:
    def __init__(self, rng):
        self.rng = rng

    def value(self):
        r = self.rng.random()
        if r < 0.4:
            return self.rng.choice(SPECIAL_NUMBERS)
        if r < 0.75:
            return self.rng.choice(SPECIAL_UNITS)
        return self.rng.choice(SPECIAL_OTHER)

    def yaml(self, text):
        lines = text.split("\n")
        for _ in range(1 + self.rng.randrange(3)):
            kind = self.rng.random()
            if kind < 0.45:
                # Replace a value: `key: value` or a flow item `key: value,`.
                candidates = [i for i, line in enumerate(lines) if re.search(r":\s*[^\s#]", line)]
                if not candidates:
                    continue
                i = self.rng.choice(candidates)
                matches = list(re.finditer(r"(\w[\w\-]*):\s*([^,#}\]\n]+)", lines[i]))
                if not matches:
                    continue
                m = self.rng.choice(matches)
                lines[i] = lines[i][:m.start(2)] + self.value() + lines[i][m.end(2):]
            elif kind < 0.7:
                # Scale every number in a line by a factor from 0.01 to 100 (valid but extreme).
                i = self.rng.randrange(len(lines))
                factor = self.rng.choice([0.01, 0.1, 10, 100])
                lines[i] = re.sub(r"(?<![\w.])(\d+(?:\.\d+)?)(?![\w.-])",
                                  lambda m: repr(float(m.group(1)) * factor), lines[i])
            elif kind < 0.85:
                text2 = "\n".join(lines)
                text2 = self.bytes_level(text2)
                lines = text2.split("\n")
            else:
                i = self.rng.randrange(len(lines))
                lines.insert(i, lines[self.rng.randrange(len(lines))])
        out = "\n".join(lines)
        if self.rng.random() < 0.1:
            out = out.replace("\n", "\r\n")
        if self.rng.random() < 0.05:
            out = "\ufeff" + out
        return out

    def bytes_level(self, text):
        if not text:
            return text
        k = self.rng.randrange(5)
        p = self.rng.randrange(len(text))
        if k == 0:
            return text[:p] + self.rng.choice(CONTROL) + text[p:]
        if k == 1:
            return text[:p] + text[p + self.rng.randrange(1, 20):]
        if k == 2:
            q = min(len(text), p + self.rng.randrange(1, 60))
            return text[:p] + text[p:q] * self.rng.randrange(2, 4) + text[q:]
        if k == 3:
            return text[:p]
        return text[:p] + self.rng.choice(" :-[]{}&*!|>'\"#,%") + text[p + 1:]

    def csv(self, text):
        lines = text.split("\n")
        for _ in range(1 + self.rng.randrange(3)):
            i = self.rng.randrange(len(lines))
            fields = lines[i].split(",")
            if len(fields) > 1 and self.rng.random() < 0.8:
                j = self.rng.randrange(len(fields))
                fields[j] = self.rng.choice(SPECIAL_NUMBERS + ["", "x", "1,2", "training", "bf16"])
                lines[i] = ",".join(fields)
            else:
                lines[i] = self.bytes_level(lines[i])
        return "\n".join(lines)

    def binary(self, data):
        b = bytearray(data)
        k = self.rng.randrange(4)
        if k == 0:
            for _ in range(1 + self.rng.randrange(4)):
                p = self.rng.randrange(len(b))
                b[p] ^= 1 << self.rng.randrange(8)
        elif k == 1:
            p = self.rng.randrange(len(b))
            n = min(len(b) - p, self.rng.choice([8, 64, 4096]))
            b[p:p + n] = bytes(self.rng.randrange(256) for _ in range(n))
        elif k == 2:
            b = b[:self.rng.randrange(len(b))]
        else:
            p = self.rng.randrange(len(b))
            b[p] = self.rng.randrange(256)
        return bytes(b)
