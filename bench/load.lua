-- wrk script: stop after a fixed number of responses, then print the run's figures as one JSON line.
-- Usage: wrk -t1 -cN -dSECONDS -s load.lua URL -- MAX_REQUESTS

local max_requests = 0
local responses = 0

function init(args)
   max_requests = tonumber(args[1]) or 0
end

function response(status, headers, body)
   responses = responses + 1
   if max_requests > 0 and responses >= max_requests then
      wrk.thread:stop()
   end
end

function done(summary, latency, requests)
   local errors = summary.errors
   io.write(string.format(
      '{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, ' ..
      '"connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d, "status_errors": %d}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
      errors.connect, errors.read, errors.write, errors.timeout, errors.status))
end
