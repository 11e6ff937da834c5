// An operator's routes in Chinese (detail_patterns.h's format): reloading
// the rules and the simulated clock.

#include "adapters/http/detail_patterns.h"

namespace xueji::http {

const std::vector<DetailPattern>& operation_detail_patterns() {
  static const std::vector<DetailPattern> patterns = {
      // Reloading the rules (actors/domain_reload.h). The file's own reason
      // is the rule author's, in English as `xueji workflows check` prints
      // it (and with Accept-Language: en); the Chinese names the file.
      {R"(account '([^']*)' may not reload the rules: only a ministry's or a province's administrator may)",
       "账号 {1} 无权重新加载规则：只有教育部或省级的系统管理员可以"},
      {R"(this server was started without rule files to reload)",
       "本服务器启动时未指定规则文件，无法重新加载"},
      {R"((\S+): no national rule for kind '([^']*)', which the rules in force have \(.*\); the rules in force stay version (\S+))",
       "{1} 中没有在用规则已有的业务类型 {2t} "
       "的全国规则（未结案件和账号权限可能引用它），规则未重新加载，仍为版本 {3}"},
      {R"(([^ :]+:\d+): .*; the rules in force stay version (\S+))",
       "规则文件 {1} 有误，规则未重新加载，仍为版本 {2}；英文说明（Accept-Language: en）给出原因"},
      {R"(.*; the rules in force stay version (\S+))",
       "规则或日历文件有误，规则未重新加载，仍为版本 {1}；英文说明（Accept-Language: en）给出原因"},
      // The simulated clock.
      {R"(the clock is the system's: it cannot be advanced)", "时钟为系统时钟，不能调整"},
      {R"(the clock can only be advanced when it is simulated, forwards, one move at a time \(asked: (\S+)\))",
       "只有模拟时钟可以调整，且只能逐次向前（请求调整到：{1}）"},
  };
  return patterns;
}

}  // namespace xueji::http
