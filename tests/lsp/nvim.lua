-- Neovim as the editor: starts `claimlint lsp`, opens the draft of a small
-- notes folder, and checks what the user would see. Written for Neovim 0.7
-- (Debian 12's), which has vim.lsp.start_client and buf_attach_client but
-- not vim.lsp.start; later versions have both.
--
-- Environment: CLAIMLINT (the binary), NOTES (the folder, with draft.md),
-- OUT (a file for the diagnostics as shown). Exits non-zero on a mismatch.

local bin, root, out = os.getenv('CLAIMLINT'), os.getenv('NOTES'), os.getenv('OUT')
local lines = {}
local function say(s) table.insert(lines, s) end
local function check(cond, what)
  if not cond then error('mismatch: ' .. what, 0) end
end

local function lsp_field(d, name)
  if d[name] ~= nil then return d[name] end
  local u = d.user_data and d.user_data.lsp
  return u and u[name]
end

local function wait_diagnostics(buf, want, what)
  local ok = vim.wait(30000, function() return #vim.diagnostic.get(buf) == want end, 50)
  check(ok, what .. ': expected ' .. want .. ' diagnostics, got ' .. #vim.diagnostic.get(buf))
  local diags = vim.diagnostic.get(buf)
  table.sort(diags, function(a, b) return a.lnum < b.lnum end)
  return diags
end

local exit_code
local function main()
  local client = vim.lsp.start_client({
    name = 'claimlint',
    cmd = { bin, 'lsp' },
    root_dir = root,
    on_exit = function(code) exit_code = code end,
  })
  check(client, 'the server did not start')
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/draft.md'))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client)

  -- On open: the conflict with every other side, and the misspelling.
  local diags = wait_diagnostics(buf, 2, 'on open')
  for _, d in ipairs(diags) do
    local related = lsp_field(d, 'relatedInformation') or {}
    say(string.format('%d:%d %s %s: %s', d.lnum + 1, d.col + 1, d.source, lsp_field(d, 'code'),
      (d.message:gsub('\n', ' / '))))
    for _, r in ipairs(related) do
      local file = vim.uri_to_fname(r.location.uri):sub(#root + 2)
      say(string.format('    %s:%d:%d %s', file, r.location.range.start.line + 1,
        r.location.range.start.character + 1, r.message))
    end
  end
  local conflict, misspelled = diags[1], diags[2]
  check(lsp_field(conflict, 'code') == 'amount-conflict' and conflict.lnum == 2 and conflict.col == 20,
    'the amount conflict on line 3')
  check(conflict.severity == vim.diagnostic.severity.ERROR and conflict.source == 'claimlint', 'severity and source')
  local related = lsp_field(conflict, 'relatedInformation') or {}
  check(#related == 2, 'two other sides, got ' .. #related)
  local talks
  for _, r in ipairs(related) do
    if vim.uri_to_fname(r.location.uri) == root .. '/notes/2025-12-talks.md' then talks = r end
  end
  check(talks and talks.location.range.start.line == 5 and talks.message:find('up to $10B here', 1, true),
    'the talks note is named where it says up to $10 billion')
  check(lsp_field(misspelled, 'code') == 'misspelled-name' and misspelled.lnum == 4 and misspelled.col == 21,
    'the misspelling on line 5')

  -- The preferred quick fix of the misspelling, and hover on the amount.
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = 4, character = 21 }, ['end'] = { line = 4, character = 28 } },
    context = { diagnostics = {} },
  }
  local answers = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000) or {}
  local actions = (answers[client] or {}).result or {}
  check(actions[1] and actions[1].title == 'Replace `Tranium` with `Trainium`' and actions[1].isPreferred,
    'the preferred fix first')
  say('code action: ' .. actions[1].title)
  local pos = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = 2, character = 25 } }
  answers = vim.lsp.buf_request_sync(buf, 'textDocument/hover', pos, 10000) or {}
  local hover = (answers[client] or {}).result
  check(hover and hover.contents.value:find('notes/2025-12-talks.md:6, 2025-12-03', 1, true), 'hover lists the talks note')
  say('hover: ' .. hover.contents.value:gsub('\n+', ' / '))

  -- An edit, not saved: the buffer agrees with the talks note now.
  vim.api.nvim_buf_set_lines(buf, 2, 3, false, { 'Amazon will invest up to $10 billion in OpenAI.' })
  vim.api.nvim_buf_set_lines(buf, 4, 5, false, { 'OpenAI will train on Trainium chips.' })
  diags = wait_diagnostics(buf, 1, 'after the edit')
  say(string.format('after the edit: %d:%d %s', diags[1].lnum + 1, diags[1].col + 1, lsp_field(diags[1], 'code')))
  check(diags[1].lnum == 2, 'the conflict follows the edit')

  vim.lsp.stop_client(client)
  check(vim.wait(10000, function() return exit_code ~= nil end, 50), 'the server did not exit')
  check(exit_code == 0, 'the server exited with ' .. tostring(exit_code))
  say('server exit: ' .. exit_code)
end

local ok, err = pcall(main)
if not ok then say('FAILED: ' .. tostring(err)) end
vim.fn.writefile(lines, out)
vim.cmd(ok and 'qall!' or 'cquit 1')
