// The data sets by name (data.kind) and the family each belongs to. The one list of names: the
// spec schema takes its options and its "relevant for" conditions from here, makeData
// dispatches on the family, and describe() hands the table to the web app, which decides from
// the family what to draw (a decision plane, a fitted curve, tables only).
#pragma once

#include <string>
#include <vector>

#include "core/shape.hpp"

namespace engine {

enum class DataFamily {
  Plane,   // 2D generated classification sets (TensorFlow Playground, sklearn): x1, x2
  Curve,   // 1D generated regression with a polynomial expansion
  Sparse,  // high-dimensional linear regression with a sparse truth
  Image,   // generated image classification sets (shapes)
  Real,    // real tables shipped with the project (diabetes, breast cancer, digits)
  Custom,  // the user's own table (CSV or clicked points)
};

struct DataKindDesc {
  std::string kind;  // the data.kind value
  DataFamily family;
  // Image sets (whatever their family): the shape of one image; its rows are the pixels in
  // NCHW order. channels = 0: not images.
  Shape image{0, 0, 0};
  bool isImage() const { return image.channels > 0; }
};

// Every kind, in the order the page lists them.
const std::vector<DataKindDesc>& dataKinds();
// The names of every kind, or of one family's kinds.
std::vector<std::string> dataKindNames();
std::vector<std::string> dataKindNames(DataFamily family);
// The family of a kind; throws std::invalid_argument for an unknown kind.
DataFamily dataFamily(const std::string& kind);
// The kinds whose rows are images, and the image shape of a kind ({0, 0, 0} when it has none,
// or is unknown).
std::vector<std::string> imageDataKinds();
Shape dataImageShape(const std::string& kind);
// The side of the synthetic shapes set's square images.
constexpr int kShapesImageSize = 12;
const char* dataFamilyName(DataFamily family);

}  // namespace engine
