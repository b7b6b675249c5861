-- wrk script: POST a distinct eSignon export per request (its own actionid), with the secret.
-- Used by bench/run; the body is 02-approve-complete.json's shape.
local threads = {}
local next_id = 0

function setup(thread)
   thread:set("tid", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

function init(args)
   counter = 0
   run = os.getenv("BENCH_RUN") or tostring(os.time())
   secret = os.getenv("ESIGNON_EXPORT_AUTHORIZATION")
   path = os.getenv("BENCH_PATH") or "/esignon/export"
   headers = { ["authorization"] = secret, ["Content-Type"] = "application/json; charset=utf-8" }
end

local template = [[{"header":{"api_name":"export","session_id":"S1001","request_code":"HR-2026-0042"},
"body":{"wfluid":"0","clientid":"acme-esign-01","processid":"2","requestid":"HR-2026-0042","actionid":"%s",
"workdatetime":"2026-11-02 10:02:07.0","worktype":"CF","wfuid":"bench-%s","useremail":"01012345678",
"opinion":"확인했습니다","employee_no":"E-10442","contract_amount":"3,200,000","status":"Playing"}}]]

function request()
   counter = counter + 1
   local key = run .. "-" .. tid .. "-" .. counter
   return wrk.format("POST", path, headers, string.format(template, key, key))
end

function done(summary, latency, requests)
   local errors = summary.errors.connect + summary.errors.read + summary.errors.write
       + summary.errors.status + summary.errors.timeout
   io.write(string.format("RESULT rps=%.0f p50_ms=%.1f p99_ms=%.1f requests=%d errors=%d\n",
      summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
      latency:percentile(99) / 1000, summary.requests, errors))
end
