#pragma once
// The web console's files (console/ in the source tree, installed beside the
// binary): `/` is its page, `/console/NAME` its scripts and styles. Read
// from disk on each request, so an installation's files can be replaced
// without a rebuild; no token is needed (the page signs in through
// /v1/sessions like any caller) and nothing is audited (the files are the
// same for everyone and reveal no record).

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"

namespace xueji::http {

// GET /: console/index.html.
Response console_page(Services& s, const Request& r, Context& ctx);
// GET /console/NAME: one file of the console, NAME a plain file name with
// a .html, .js, .css, .svg or .png ending; anything else is 404.
Response console_file(Services& s, const Request& r, Context& ctx);

}  // namespace xueji::http
