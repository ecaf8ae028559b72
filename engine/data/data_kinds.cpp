#include "data/data_kinds.hpp"

#include <stdexcept>

namespace engine {

const std::vector<DataKindDesc>& dataKinds() {
  static const std::vector<DataKindDesc> kinds = {
      {"circle", DataFamily::Plane},
      {"xor", DataFamily::Plane},
      {"gauss", DataFamily::Plane},
      {"spiral", DataFamily::Plane},
      {"moons", DataFamily::Plane},
      {"regression1d", DataFamily::Curve},
      {"sparseLinear", DataFamily::Sparse},
      {"diabetes", DataFamily::Real},
      {"breastCancer", DataFamily::Real},
      {"digits", DataFamily::Real, Shape{1, 8, 8}},
      {"shapes", DataFamily::Image, Shape{1, kShapesImageSize, kShapesImageSize}},
      {"custom", DataFamily::Custom},
  };
  return kinds;
}

std::vector<std::string> dataKindNames() {
  std::vector<std::string> names;
  for (const DataKindDesc& d : dataKinds()) names.push_back(d.kind);
  return names;
}

std::vector<std::string> dataKindNames(DataFamily family) {
  std::vector<std::string> names;
  for (const DataKindDesc& d : dataKinds())
    if (d.family == family) names.push_back(d.kind);
  return names;
}

DataFamily dataFamily(const std::string& kind) {
  for (const DataKindDesc& d : dataKinds())
    if (d.kind == kind) return d.family;
  throw std::invalid_argument("data.kind: unknown data set \"" + kind.substr(0, 64) + "\"");
}

std::vector<std::string> imageDataKinds() {
  std::vector<std::string> names;
  for (const DataKindDesc& d : dataKinds())
    if (d.isImage()) names.push_back(d.kind);
  return names;
}

Shape dataImageShape(const std::string& kind) {
  for (const DataKindDesc& d : dataKinds())
    if (d.kind == kind) return d.image;
  return Shape{0, 0, 0};
}

const char* dataFamilyName(DataFamily family) {
  switch (family) {
    case DataFamily::Plane: return "plane";
    case DataFamily::Curve: return "curve";
    case DataFamily::Sparse: return "sparse";
    case DataFamily::Real: return "real";
    case DataFamily::Image: return "image";
    case DataFamily::Custom: return "custom";
  }
  return "custom";
}

}  // namespace engine
