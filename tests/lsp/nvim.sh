#!/usr/bin/env bash
# End to end with a real editor: headless Neovim starts `claimlint lsp`,
# opens a draft in a small notes folder, and checks the diagnostics, their
# related information, a code action, hover and an unsaved edit
# (tests/lsp/nvim.lua). Needs nvim on PATH (.ci/run installs Debian's).
#
#   bash tests/lsp/nvim.sh                # builds target/debug/claimlint if needed
#   CLAIMLINT=path/to/claimlint bash tests/lsp/nvim.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

command -v nvim >/dev/null || { echo "nvim not found (apt-get install -y neovim)" >&2; exit 1; }
if [ -z "${CLAIMLINT:-}" ]; then
  cargo build --locked --quiet --bin claimlint
  CLAIMLINT=$(realpath "${CARGO_TARGET_DIR:-target}/debug/claimlint")
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
notes=$(realpath "$work")/notes-folder
mkdir -p "$notes/notes"
printf -- '---\ndate: 2025-12-03\n---\n# Amazon and OpenAI\n\nAmazon will invest up to $10 billion in OpenAI.\n' \
  >"$notes/notes/2025-12-talks.md"
printf -- '---\ndate: 2025-12-20\n---\nAmazon is investing $50 billion in OpenAI.\n' >"$notes/notes/2025-12-deal.md"
printf -- '# Draft\n\nAmazon is investing $50 billion in OpenAI.\n\nOpenAI will train on Tranium chips.\n' >"$notes/draft.md"

out=$work/shown.txt
status=0
CLAIMLINT=$CLAIMLINT NOTES=$notes OUT=$out timeout 120 nvim --headless --clean -u NONE -i NONE \
  -c "luafile tests/lsp/nvim.lua" || status=$?
echo "nvim $(nvim --version | head -n 1 | cut -d' ' -f2) showed:"
sed 's/^/  /' "$out" 2>/dev/null || echo "  (nothing)"
if [ "$status" -ne 0 ]; then
  echo "tests/lsp/nvim.sh: FAILED (nvim exited $status)" >&2
  exit 1
fi
echo "tests/lsp/nvim.sh: passed"
