"""Run one Python test module and write each test's outcome as JSON.

    python3 unittest_json.py MODULE OUT_FILE

OUT_FILE gets {test id: {"status": ..., "detail": ...}}, status one of
pass, fail, error, skip, xfail, xpass; detail is the failure text
(traceback) or skip reason. The TypeScript side compares outcomes per
test, which unittest's own text report does not give in a parseable form.
The outcome goes to a file, not stdout: the tests under run may log there.
Exits 0 whenever the module ran, whatever its tests did.
"""
import json
import sys
import unittest


class OutcomeResult(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.outcomes = {}

    def _record(self, test, status, detail=''):
        self.outcomes[test.id()] = {'status': status, 'detail': detail}

    def addSuccess(self, test):
        super().addSuccess(test)
        self._record(test, 'pass')

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._record(test, 'fail', self._exc_info_to_string(err, test))

    def addError(self, test, err):
        super().addError(test, err)
        self._record(test, 'error', self._exc_info_to_string(err, test))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._record(test, 'skip', reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._record(test, 'xfail', self._exc_info_to_string(err, test))

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._record(test, 'xpass')


def main(module, out_file):
    suite = unittest.defaultTestLoader.loadTestsFromName(module)
    result = OutcomeResult()
    suite.run(result)
    with open(out_file, 'w', encoding='utf-8') as out:
        json.dump(result.outcomes, out, indent=1, sort_keys=True)


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit('usage: unittest_json.py MODULE OUT_FILE')
    main(sys.argv[1], sys.argv[2])
