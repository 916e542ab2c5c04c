-- POST /api/users with a new user on every request: the e-mail address is unique per run (the run tag given after
-- "--"), per wrk thread and per request, so no request is refused as a duplicate.
-- Usage: wrk -s bench/wrk/post-user.lua URL/api/users -- <run-tag> [bearer-key]
-- thread_id is a global that setup() gives each thread's interpreter.
local counter = 0
local threads = {}

function setup(thread)
    thread:set("thread_id", #threads)
    table.insert(threads, thread)
end

function init(args)
    tag = args[1] or tostring(os.time())
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    if args[2] then
        wrk.headers["Authorization"] = "Bearer " .. args[2]
    end
end

function request()
    counter = counter + 1
    local name = string.format("u%s_%d_%d", tag, thread_id, counter)
    return wrk.format(nil, nil, nil, string.format('{"username":"%s","email":"%s@example.com"}', name, name))
end
