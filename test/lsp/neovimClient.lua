-- Neovim's own LSP client driving event-design-language-server --stdio, for test/lsp/neovim.test.ts.
-- Written for Neovim 0.7 (Debian 12): vim.lsp.start_client and buf_attach_client, which later
-- versions keep. Run as `nvim --headless --clean -u neovimClient.lua`; the test passes, in the
-- environment:
--   EVENT_DESIGN_SERVER      the language server's launcher (a Node script)
--   EVENT_DESIGN_ROOT        the workspace folder
--   EVENT_DESIGN_FILE        the document to open
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

local function has_rule(diagnostics)
  for _, diagnostic in ipairs(diagnostics or {}) do
    if diagnostic.code == env.EVENT_DESIGN_RULE then return true end
  end
  return false
end

local function run()
  local published = {}
  local client_id = vim.lsp.start_client({
    name = 'event-design',
    cmd = { 'node', env.EVENT_DESIGN_SERVER, '--stdio' },
    root_dir = env.EVENT_DESIGN_ROOT,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(_, params)
        published[params.uri] = params.diagnostics
      end,
    },
  })
  assert(client_id, 'the language server did not start')

  vim.cmd('edit ' .. vim.fn.fnameescape(env.EVENT_DESIGN_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'could not attach the client to the buffer')

  -- The fast checks publish first, the full validation later: wait for the rule asked for.
  vim.wait(60000, function() return has_rule(published[uri]) end, 20)
  result.diagnostics = published[uri] or vim.NIL

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
