#!/usr/bin/env python3
"""Record argparse's help pages for src/cli/help/argparse-formatter.ts.

    python3 test/golden/gen_argparse.py

Reads argparse-cases.json (parsers described as the TypeScript port takes
them), builds each with the real argparse of the reference interpreter and
glanceclient's HelpFormatter (the one glance uses: capitalised headings) at
the case's width, and writes argparse-help.json: every case with the page
format_help() printed. test/unit/help/argparse-formatter.test.ts feeds the
same cases to the port.
"""
import argparse
import json
import os
import sys

# No __pycache__ next to the golden files.
sys.dont_write_bytecode = True

from reference_python import ensure_reference_python  # noqa: E402

ensure_reference_python()

from glanceclient.shell import HelpFormatter  # noqa: E402

GOLDEN_DIR = os.path.dirname(os.path.abspath(__file__))
NARGS = {None: None, 0: None, '?': '?', '*': '*', '+': '+'}
DEFAULT_GROUPS = ('positional arguments', 'options')


def add_action(target, action):
    if action.get('nargs') == 'A...':
        sub = target.add_subparsers(metavar=action.get('metavar'), dest=action['dest'])
        for command in action['subcommands']:
            sub.add_parser(command['name'], help=command.get('help'), add_help=False)
        return
    kwargs = {'help': action.get('help')}
    if action['optionStrings']:
        kwargs['dest'] = action['dest']
        if action.get('required'):
            kwargs['required'] = True
    if action.get('nargs') == 0:
        kwargs['action'] = 'store_true'
    else:
        kwargs['nargs'] = NARGS[action.get('nargs')]
        if action.get('metavar') is not None:
            kwargs['metavar'] = action['metavar']
        if action.get('choices') is not None:
            kwargs['choices'] = action['choices']
    names = action['optionStrings'] or [action['dest']]
    target.add_argument(*names, **kwargs)


def help_page(case):
    width = case['columns'] - 2
    parser = argparse.ArgumentParser(
        prog=case['prog'],
        description=case.get('description'),
        epilog=case.get('epilog'),
        add_help=False,
        formatter_class=lambda prog: HelpFormatter(prog, width=width),
    )
    groups = {title: parser for title in DEFAULT_GROUPS}
    for section in case['sections']:
        if section['title'] not in DEFAULT_GROUPS:
            groups[section['title']] = parser.add_argument_group(section['title'], section.get('description'))
    for action in case['actions']:
        add_action(groups[action['section']], action)
    return parser.format_help()


def main():
    with open(os.path.join(GOLDEN_DIR, 'argparse-cases.json')) as f:
        cases = json.load(f)
    recorded = [dict(case, expected=help_page(case)) for case in cases]
    with open(os.path.join(GOLDEN_DIR, 'argparse-help.json'), 'w') as f:
        json.dump(recorded, f, indent=1, ensure_ascii=False)
        f.write('\n')


if __name__ == '__main__':
    main()
