#!/usr/bin/env python3
"""Regenerate the golden table output from the real glanceclient 4.1.0.

    python3 test/golden/gen.py

For every case in cases.json this calls the matching
glanceclient.common.utils printer (print_list, print_dict, print_dict_list,
print_cached_images, print_image), captures what it prints and stores it in
<case name>.txt.  test/unit/render/golden.test.ts feeds the same cases to
the TypeScript port and compares byte for byte.

It also records, from the same interpreter, the behaviour the unit tests pin
down below the table level:
  textwrap.json      textwrap.fill(text, width) for tricky inputs
  wcwidth-runs.json  wcwidth.wcwidth() of every code point, as runs

cases.json is parsed strictly so that Python and JavaScript read the same
values: integral floats (1.0, which JSON.parse turns into 1) and objects
whose key order JavaScript would change (integer-like keys after others)
are rejected.
"""
import contextlib
import io
import json
import os
import sys
import textwrap
import types

# No __pycache__ next to the golden files.
sys.dont_write_bytecode = True

from reference_python import ensure_reference_python  # noqa: E402

ensure_reference_python()

from glanceclient.common import utils  # noqa: E402
import wcwidth  # noqa: E402

GOLDEN_DIR = os.path.dirname(os.path.abspath(__file__))
SETTING_NAMES = {'maxWidth': 'max_width', 'align': 'align'}
MAX_ARRAY_INDEX = 2 ** 32 - 2


def _parse_float(text):
    value = float(text)
    if value.is_integer():
        raise ValueError('integral float %s would be an int in JavaScript' % text)
    return value


def _is_array_index(key):
    return key.isdigit() and str(int(key)) == key and int(key) <= MAX_ARRAY_INDEX


def _object_in_js_order(pairs):
    keys = [key for key, _ in pairs]
    js_order = (sorted((k for k in keys if _is_array_index(k)), key=int)
                + [k for k in keys if not _is_array_index(k)])
    if keys != js_order:
        raise ValueError('JavaScript would reorder the keys %r' % keys)
    return dict(pairs)


def load_cases():
    with open(os.path.join(GOLDEN_DIR, 'cases.json'), encoding='utf-8') as f:
        return json.load(f, parse_float=_parse_float,
                         object_pairs_hook=_object_in_js_order)


def as_resource(obj):
    # print_list reads attributes (getattr(o, name, None)), as on the
    # warlock models glance lists.
    return types.SimpleNamespace(**obj)


def attribute_formatter(name):
    return lambda obj: getattr(obj, name, None)


def run_case(case):
    call = case['call']
    if call == 'print_list':
        formatters = {field: attribute_formatter(name)
                      for field, name in case.get('formatters', {}).items()}
        field_settings = {
            field: {SETTING_NAMES[k]: v for k, v in settings.items()}
            for field, settings in case.get('fieldSettings', {}).items()}
        utils.print_list([as_resource(o) for o in case['objs']],
                         case['fields'], formatters, field_settings)
    elif call == 'print_dict':
        if 'maxColumnWidth' in case:
            utils.print_dict(case['dict'], case['maxColumnWidth'])
        else:
            utils.print_dict(case['dict'])
    elif call == 'print_dict_list':
        utils.print_dict_list(case['objs'], case['fields'])
    elif call == 'print_cached_images':
        utils.print_cached_images(case['listing'])
    elif call == 'print_image':
        utils.print_image(case['image'], case.get('humanReadable', False),
                          case.get('maxColumnWidth'))
    else:
        raise ValueError('unknown call %r in case %s' % (call, case['name']))


def write_text(name, text):
    # newline='' keeps '\r' in cell values as it is.
    with open(os.path.join(GOLDEN_DIR, name), 'w', encoding='utf-8',
              newline='') as f:
        f.write(text)


def write_tables(cases):
    names = set()
    for case in cases:
        if case['name'] in names:
            raise ValueError('duplicate case name %s' % case['name'])
        names.add(case['name'])
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            run_case(case)
        write_text(case['name'] + '.txt', out.getvalue())
    for stale in set(f[:-4] for f in os.listdir(GOLDEN_DIR)
                     if f.endswith('.txt')) - names:
        os.remove(os.path.join(GOLDEN_DIR, stale + '.txt'))


TEXTWRAP_INPUTS = [
    ('', 5),
    ('short', 10),
    ('The quick brown fox jumps over the lazy dog', 10),
    ('well--known and--so on', 6),
    ('a -- b -- c', 3),
    ('foo---bar---baz', 5),
    ('1-2-3-4-5-6', 4),
    ('ab-12-cd-34-ef', 5),
    ('--option-name --flag', 7),
    ('x-y-z ab-cd-ef-gh', 4),
    ('end.--next ok!--go', 6),
    ('a-b-c-d-e-f-g-h-i-j-k', 5),
    ('----------', 3),
    ('-a-b-c-d-e-f', 3),
    ('supercalifragilistic', 6),
    ('pre-supercalifragilistic', 10),
    ('https://example.com/a-very-long-path-with-hyphens?q=1', 20),
    ('    leading spaces then words', 8),
    ('trailing spaces    ', 8),
    ('          ', 4),
    ('one\ttab\tseparated\tvalues', 10),
    ('\tindented by tab and long enough', 12),
    ('col\r\tafter carriage return', 10),
    ('line\nbreaks\x0bvertical\x0cfeed', 7),
    ('aaaa \u3000 bbbb \u3000 cccc', 6),
    ('non\xa0breaking\xa0space text', 8),
    ('x\x1c\x1d y\x1fz w', 3),
    ('日本語のテキストはとても長い', 5),
    ('e\u0301e\u0301e\u0301e\u0301e\u0301', 3),
    ('😀😀😀😀 🇺🇸🇺🇸', 3),
    ('αβγ-δεζ-ηθι', 5),
    ('١-٢-٣ abc-١٢-def', 4),
    ('Ⅻ-Ⅻ-Ⅻ x', 4),
    ('_a-_b-_c', 3),
    ('exactly ten', 10),
    ('exactly ten!', 11),
]


def write_textwrap():
    cases = [{'text': text, 'width': width,
              'expected': textwrap.fill(text, width)}
             for text, width in TEXTWRAP_INPUTS]
    write_text('textwrap.json', json.dumps(cases, indent=1) + '\n')


def write_wcwidth_runs():
    # [first code point, width] whenever the width changes.
    runs = []
    for code_point in range(sys.maxunicode + 1):
        width = wcwidth.wcwidth(chr(code_point))
        if not runs or runs[-1][1] != width:
            runs.append([code_point, width])
    write_text('wcwidth-runs.json',
               '[\n' + ',\n'.join(json.dumps(r) for r in runs) + '\n]\n')


def main():
    cases = load_cases()
    write_tables(cases)
    write_textwrap()
    write_wcwidth_runs()
    print('wrote %d golden tables' % len(cases), file=sys.stderr)


if __name__ == '__main__':
    main()
