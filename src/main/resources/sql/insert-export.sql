INSERT INTO esignon_export (
    dedupe_key, received_at, request_code, session_id, clientid, wfuid, wfluid, processid, actionid,
    requestid, worktype, status, workdatetime, useremail, opinion, user_name, next_play_user,
    next_user_name, play_url, cert_url, download_url, embed_mode, passed, excluded_reason, raw_body)
VALUES (
    :dedupe_key, :received_at, :request_code, :session_id, :clientid, :wfuid, :wfluid, :processid, :actionid,
    :requestid, :worktype, :status, :workdatetime, :useremail, :opinion, :user_name, :next_play_user,
    :next_user_name, :play_url, :cert_url, :download_url, :embed_mode, :passed, :excluded_reason, :raw_body)
