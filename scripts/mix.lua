-- wrk script of the benchmark's realistic mix (scripts/bench.py): every request is a
-- random line of the file named after `--`, each line a path and, after a tab, the Cookie
-- header of a signed-in person (empty: signed out).
local verzoeken = {}
local teller = 0

function setup(thread)
  teller = teller + 1
  thread:set("nummer", teller)
end

function init(args)
  for regel in io.lines(args[1]) do
    local pad, cookie = regel:match("^([^\t]*)\t?(.*)$")
    verzoeken[#verzoeken + 1] = { pad, cookie }
  end
  math.randomseed(os.time() + 7919 * (nummer or 1))
end

function request()
  local v = verzoeken[math.random(#verzoeken)]
  if v[2] ~= "" then
    return wrk.format("GET", v[1], { ["Cookie"] = v[2] })
  end
  return wrk.format("GET", v[1])
end
