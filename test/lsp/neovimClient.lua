-- Neovim's own LSP client driving event-design-language-server --stdio, for test/lsp/neovim.test.ts.
-- Written for Neovim 0.7 (Debian 12). The client is the user's: the Neovim 0.7 configuration of
-- docs/editors.md, which the test extracts, runs with `event-design-language-server` on the PATH.
-- Run as `nvim --headless --clean -u neovimClient.lua`; the test passes, in the environment:
--   EVENT_DESIGN_CONFIG      the configuration from docs/editors.md (a Lua file)
--   EVENT_DESIGN_FILE        the document to open, in the workspace (a git repository)
--   EVENT_DESIGN_RULE        a rule id the document's diagnostics must come to include
--   EVENT_DESIGN_POSITION    "line:character" (0-based) where to ask textDocument/definition
--   EVENT_DESIGN_RESULT      where to write what the client received, as JSON
-- Every wait is vim.wait on a condition; the limits only bound a broken run.

local env = vim.env
local result = { diagnostics = vim.NIL, definition = vim.NIL, definitionError = vim.NIL, stopped = false }

local function write_result()
  local file = assert(io.open(env.EVENT_DESIGN_RESULT, 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
end

-- What Neovim shows, in the LSP's terms again (severities are numbered alike; the documents are ASCII,
-- so byte columns are characters).
local function lsp_diagnostics(bufnr)
  local diagnostics = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(diagnostics, {
      code = diagnostic.code,
      severity = diagnostic.severity,
      range = { start = { line = diagnostic.lnum, character = diagnostic.col } },
      codeDescription = diagnostic.user_data.lsp.codeDescription,
    })
  end
  return diagnostics
end

local function has_rule(diagnostics)
  for _, diagnostic in ipairs(diagnostics) do
    if diagnostic.code == env.EVENT_DESIGN_RULE then return true end
  end
  return false
end

local function run()
  -- A user's init.lua runs before filetype detection is on and files are opened; here the file
  -- is opened by this script, so detection is switched on first.
  vim.cmd('filetype on')
  dofile(env.EVENT_DESIGN_CONFIG)
  vim.cmd('edit ' .. vim.fn.fnameescape(env.EVENT_DESIGN_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  -- A client is listed for the buffer once the server has answered initialize.
  vim.wait(30000, function() return next(vim.lsp.buf_get_clients(bufnr)) ~= nil end, 20)
  local clients = vim.lsp.buf_get_clients(bufnr)
  local client_id = next(clients)
  assert(client_id and clients[client_id].name == 'event-design', 'the configuration did not attach event-design to the ' .. vim.bo.filetype .. ' buffer')

  -- The fast checks publish first, the full validation later: wait for the rule asked for.
  vim.wait(60000, function() return has_rule(lsp_diagnostics(bufnr)) end, 20)
  result.diagnostics = lsp_diagnostics(bufnr)

  local client = vim.lsp.get_client_by_id(client_id)
  local line, character = env.EVENT_DESIGN_POSITION:match('^(%d+):(%d+)$')
  local params = { textDocument = { uri = uri }, position = { line = tonumber(line), character = tonumber(character) } }
  local response, request_error = client.request_sync('textDocument/definition', params, 30000, bufnr)
  if response and response.err then
    result.definitionError = response.err
  elseif response then
    result.definition = response.result
  else
    result.definitionError = tostring(request_error)
  end

  -- shutdown, then exit: the server must leave when its editor does.
  client.stop()
  result.stopped = vim.wait(30000, function() return client.is_stopped() end, 20)
end

local ok, problem = pcall(run)
if not ok then result.error = tostring(problem) end
write_result()
vim.cmd(ok and 'qall!' or 'cquit!')
