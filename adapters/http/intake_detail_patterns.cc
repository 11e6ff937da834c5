// The September intake's refusals in Chinese (detail_patterns.h's format):
// a batch's own, beside the catalogue, which holds a single request's.

#include "adapters/http/detail_patterns.h"

namespace xueji::http {

const std::vector<DetailPattern>& intake_detail_patterns() {
  static const std::vector<DetailPattern> patterns = {
      {R"(a batch is application/x-ndjson or text/csv, not '(.*)')",
       "批量注册的内容类型必须是 application/x-ndjson 或 text/csv，而不是“{1}”"},
      {R"(a batch is application/x-ndjson or text/csv, and the request has no Content-Type)",
       "批量注册的内容类型必须是 application/x-ndjson 或 text/csv，请求却没有 Content-Type"},
      {R"(a batch is limited to (\d+) rows, not (\d+))",
       "批量注册每批不得超过 {1} 行，本批为 {2} 行"},
      {R"(the batch holds no rows)", "批量注册内容没有任何一行"},
      {R"(the row has (\d+) cells, the header names (\d+))",
       "该行有 {1} 个单元格，而表头列出 {2} 个字段"},
      {R"(the CSV has no header row naming the fields)", "CSV 缺少列出字段的表头行"},
      {R"(the CSV header names field '(.*)' twice)", "CSV 表头重复列出字段 {1}"},
      {R"(query parameter 'mode' must be each or all_or_nothing, not '(.*)')",
       "查询参数 mode 必须是 each 或 all_or_nothing，而不是“{1}”"},
  };
  return patterns;
}

}  // namespace xueji::http
