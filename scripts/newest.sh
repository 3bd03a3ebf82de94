#!/usr/bin/env bash
# Maintainers: re-lock against the newest releases and run the tests on them.
#
#   bash scripts/newest.sh          # writes requirements.lock only if the tests pass
#
# The lock is made with uv's pip-compile (universal: every Python >= 3.10 and every OS), in a
# throw-away venv; installs go through plain pip with the lock as constraints, as in the README.
# When the tests fail on the new lock, each package that changed is tried alone on top of the
# old lock, and the ones that make the tests fail are named. requirements.lock is then left as
# it was, so CI stays green until somebody has looked.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/tools" && "$work/tools/bin/pip" install -q uv
lock() {  # lock OUT [uv flags…]
    local out=$1; shift
    "$work/tools/bin/uv" pip compile pyproject.toml --extra test --universal --python-version 3.10 \
        --no-header --quiet -o "$out" "$@"
}
run_tests() {  # run_tests CONSTRAINTS [extra pip args…] -> exit status of pytest
    local constraints=$1; shift
    rm -rf "$work/venv"
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install -q -c "$constraints" -e ".[test]" "$@" >/dev/null
    "$work/venv/bin/python" -m pytest -q -x -p no:cacheprovider
}

lock "$work/new.lock" --upgrade
echo "== changes against requirements.lock =="
diff <(grep -E '^[A-Za-z0-9]' requirements.lock) <(grep -E '^[A-Za-z0-9]' "$work/new.lock") \
    | grep -E '^[<>]' || echo "(ingen)"

if run_tests "$work/new.lock"; then
    cp "$work/new.lock" requirements.lock
    echo "== the newest releases pass: requirements.lock updated; review and commit it =="
    exit 0
fi

echo "== the newest releases fail; trying each changed package alone on the old lock =="
changed=$(diff <(grep -E '^[A-Za-z0-9]' requirements.lock | sed 's/[ ;].*//' | sort -u) \
               <(grep -E '^[A-Za-z0-9]' "$work/new.lock" | sed 's/[ ;].*//' | sort -u) \
          | sed -n 's/^> //p' | sed 's/==.*//' | sort -u)
culprits=()
for pkg in $changed; do
    grep -v -i -E "^${pkg}==" requirements.lock > "$work/one.lock"
    pin=$(grep -i -E "^${pkg}==" "$work/new.lock" | head -1 | sed 's/ ;.*//')
    echo "-- $pin"
    if ! run_tests "$work/one.lock" "$pin" >/dev/null 2>&1; then
        culprits+=("$pin")
    fi
done
if [ ${#culprits[@]} -gt 0 ]; then
    echo "== these releases make the tests fail: ${culprits[*]} =="
else
    echo "== no single release fails alone; the combination does (see the test output above) =="
fi
exit 1
