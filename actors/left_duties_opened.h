#pragma once
// What opening the archive steps left owed did (open_left_duties,
// actors/archive_opening.h): at start, by the sweep, or in the background
// after a server's start (RuntimeOptions::open_left_duties_in_background).
#include <cstddef>

#include "engine/core/result.h"

namespace xueji {

struct LeftDutiesOpened {
  size_t owed = 0;   // duties read (all those owed, unless `status` failed or a stop came)
  size_t taken = 0;  // of them, those `take` picked: opened, or settled without
                     // a case (refused, already there), unless `status` failed
  Status status;     // the first failure: a read, or an opening (the rest stay owed)
};

}  // namespace xueji
