-- wrk: POST the body in the file named by BODY to every URL, as JSON.
local f = assert(io.open(os.getenv("BODY"), "r"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
