#!/usr/bin/env bash
# Remakes the README's editor screenshots: Neovim under tmux, with
# `claimlint lsp` attached, on the draft of a small notes folder (the one
# tests/lsp/nvim.sh uses). tmux keeps the screen's colours in its capture;
# render.py draws that capture as a PNG.
#
#   bash docs/screenshot/editor.sh      # writes docs/editor-diagnostics.png and docs/editor-hover.png
#   CLAIMLINT=path/to/claimlint OUT_DIR=/tmp bash docs/screenshot/editor.sh
#
# Needs nvim (0.7 or later), tmux, python3 and fc-match; Pillow is installed
# in a venv under target/ when python3 lacks it.
set -euo pipefail
cd "$(dirname "$0")/../.."

for tool in nvim tmux python3; do
  command -v "$tool" >/dev/null || { echo "$tool not found" >&2; exit 1; }
done
if [ -z "${CLAIMLINT:-}" ]; then
  cargo build --locked --quiet --bin claimlint
  CLAIMLINT=$(realpath "${CARGO_TARGET_DIR:-target}/debug/claimlint")
fi
CLAIMLINT=$(realpath "$CLAIMLINT")
out_dir=${OUT_DIR:-docs}
cols=110 rows=24

python=python3
if ! python3 -c 'import PIL' 2>/dev/null; then
  venv=${CARGO_TARGET_DIR:-target}/screenshot-venv
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/python" -c 'import PIL' 2>/dev/null || "$venv/bin/pip" install --quiet pillow
  python=$venv/bin/python
fi

work=$(realpath "$(mktemp -d)")
# A tmux server of its own, its socket in $work: removed with it.
tmux_() { tmux -S "$work/tmux.sock" "$@"; }
trap 'tmux_ kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

notes=$work/notes-folder
mkdir -p "$notes/notes"
printf -- '---\ndate: 2025-12-03\n---\n# Amazon and OpenAI\n\nAmazon will invest up to $10 billion in OpenAI.\n' \
  >"$notes/notes/2025-12-talks.md"
printf -- '---\ndate: 2025-12-20\n---\nAmazon is investing $50 billion in OpenAI.\n' >"$notes/notes/2025-12-deal.md"
printf -- '# Draft\n\nAmazon is investing $50 billion in OpenAI.\n\nOpenAI will train on Tranium chips.\n' >"$notes/draft.md"

# The README's setup for Neovim 0.7 to 0.10, plus what makes a screenshot:
# diagnostics as signs and virtual text, all of the buffer's in a window on
# <Space>d (a conflict's message is longer than the screen is wide), hover
# on K.
cat >"$work/init.lua" <<'EOF'
vim.o.background = 'dark'
vim.o.number = true
vim.o.signcolumn = 'yes'
vim.o.shortmess = vim.o.shortmess .. 'I'
vim.o.swapfile = false
vim.cmd('syntax on')
vim.cmd('highlight SignColumn ctermbg=NONE')
vim.cmd('highlight NormalFloat ctermbg=236 ctermfg=252')
vim.cmd('highlight FloatBorder ctermbg=236 ctermfg=244')
vim.diagnostic.config({ virtual_text = true, signs = true, underline = true, severity_sort = true })
vim.lsp.handlers['textDocument/hover'] = vim.lsp.with(vim.lsp.handlers.hover, { border = 'rounded' })

local claimlint
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'markdown', 'text' },
  callback = function(args)
    claimlint = claimlint or vim.lsp.start_client({
      name = 'claimlint', cmd = { os.getenv('CLAIMLINT'), 'lsp' }, root_dir = vim.fn.getcwd(),
    })
    vim.lsp.buf_attach_client(args.buf, claimlint)
    vim.keymap.set('n', 'K', vim.lsp.buf.hover, { buffer = args.buf })
    vim.keymap.set('n', '<Space>d', function()
      vim.diagnostic.open_float({ scope = 'buffer', border = 'rounded', format = function(d)
        local lsp = d.user_data and d.user_data.lsp or {}
        return string.format('%s [%s]', d.message, d.code or lsp.code or d.source)
      end })
    end, { buffer = args.buf })
  end,
})
EOF
cat >"$work/tmux.conf" <<'EOF'
set -g status off
set -g default-terminal tmux-256color
set -g escape-time 0
EOF

mkdir -p "$work/xdg"
tmux_ -f "$work/tmux.conf" new-session -d -s shot -x "$cols" -y "$rows" -c "$notes" \
  "env CLAIMLINT=$(printf %q "$CLAIMLINT") XDG_CONFIG_HOME=$work/xdg XDG_DATA_HOME=$work/xdg \
   XDG_STATE_HOME=$work/xdg XDG_CACHE_HOME=$work/xdg nvim -u $work/init.lua -i NONE draft.md"

# wait_for WHAT COMMAND...: polls the screen until COMMAND, reading it, succeeds.
wait_for() {
  local what=$1
  shift
  for _ in $(seq 1 240); do
    if tmux_ capture-pane -p -t shot | "$@" >/dev/null; then
      sleep 0.5 # let the redraw finish
      return 0
    fi
    sleep 0.25
  done
  echo "editor.sh: timed out waiting for $what; the screen was:" >&2
  tmux_ capture-pane -p -t shot >&2
  exit 1
}

# shoot NAME: the screen, with colours and the cursor, as $out_dir/NAME.png.
shoot() {
  tmux_ capture-pane -e -p -t shot >"$work/$1.ans"
  local cursor
  cursor=$(tmux_ display-message -p -t shot '#{cursor_x},#{cursor_y}')
  "$python" docs/screenshot/render.py "$work/$1.ans" "$out_dir/$1.png" \
    --cols "$cols" --rows "$rows" --cursor "$cursor"
  echo "wrote $out_dir/$1.png ($(wc -c <"$out_dir/$1.png") bytes)"
}

# Both diagnostics, each shown as virtual text ("■ message").
wait_for 'two diagnostics' awk '/■/ { n++ } END { exit n < 2 }'
# With the cursor on the last line, the window with their whole messages
# opens below them.
tmux_ send-keys -t shot 5G
tmux_ send-keys -t shot -l ' d'
wait_for 'the diagnostics window' grep -F 'Diagnostics:'
shoot editor-diagnostics

# Hover on "$50 billion": the deal and every figure stated for it.
tmux_ send-keys -t shot 3G
tmux_ send-keys -t shot -l 'f$'
tmux_ send-keys -t shot K
wait_for 'the hover window' grep -F 2025-12-talks
shoot editor-hover
