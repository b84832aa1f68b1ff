#pragma once
// Finding an element of a vector by its `name` without scanning the vector: with 1,000
// mounts, a scan per look-up made every sweep and reconcile quadratic. The vector stays the
// owner and may be changed freely (records are pushed, replaced, whole vectors rebuilt): a
// hit is checked against the element's name, and the index is rebuilt when the vector moved
// or changed size, or a checked slot holds another name. A miss in an unchanged vector is
// confirmed by a scan, so an element renamed in place is still found (misses are rare: the
// names looked up are the configured ones).
//
// Not thread-safe: a const look-up updates the index. Copies carry the index along (a copy
// keeps its order); it never takes part in ==.
#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace mb::util {

class NameIndex {
 public:
  template <typename T>
  const T* find(const std::vector<T>& v, const std::string& name) const {
    if (const T* hit = checked(v, name)) return hit;
    if (!same_vector(v.data(), v.size())) {
      rebuild(v);
      return checked(v, name);
    }
    for (const T& e : v)
      if (e.name == name) {
        rebuild(v);
        return &e;
      }
    return nullptr;
  }

  bool operator==(const NameIndex&) const { return true; }

 private:
  template <typename T>
  const T* checked(const std::vector<T>& v, const std::string& name) const {
    auto it = slots_.find(name);
    if (it == slots_.end()) return nullptr;
    if (it->second < v.size() && v[it->second].name == name) return &v[it->second];
    stale_ = true;
    return nullptr;
  }
  template <typename T>
  void rebuild(const std::vector<T>& v) const {
    slots_.clear();
    slots_.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) slots_.emplace(v[i].name, i);  // first one wins
    data_ = v.data();
    size_ = v.size();
    stale_ = false;
  }
  bool same_vector(const void* data, std::size_t size) const {
    return !stale_ && data == data_ && size == size_;
  }

  mutable std::unordered_map<std::string, std::size_t> slots_;
  mutable const void* data_ = nullptr;
  mutable std::size_t size_ = 0;
  mutable bool stale_ = false;
};

}  // namespace mb::util
